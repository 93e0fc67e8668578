import type { Callback, Logs } from '@nnopt/core';
import type { FitContext } from '../fit';
import { getHyperparameter } from '../hyperparameters';
import { fileVersionEvent, histogram, histogramEvent, hparamsEvent, scalarsEvent } from '../tensorboard/events';
import type { BinarySink } from './sink';

/** Options of {@link tensorBoard}. */
export interface TensorBoardOptions {
  /** Receives the event file's bytes (`eventFileSink(logDir)` of `@nnopt/trainer/node` writes a file TensorBoard reads). */
  readonly sink: BinarySink;
  /** Write histograms of every variable each epoch (default true). */
  readonly histograms?: boolean;
  /** Batch-level scalars every this many steps (default: epoch-level only). */
  readonly updateFreq?: number;
  /** Hyperparameters of the run, written once for the HParams dashboard. */
  readonly hparams?: { readonly [name: string]: number | string | boolean };
  /** Wall clock in seconds (tests inject one). */
  readonly now?: () => number;
}

/**
 * Writes TensorBoard event records: `epoch/<metric>` scalars (training and validation) and the learning rate
 * (`epoch/learning_rate`, when the optimizer exposes it) each epoch, optional `batch/loss` every `updateFreq` steps,
 * weight histograms, and the run's hyperparameters. Pure TypeScript: no tfjs-node.
 */
export function tensorBoard({ sink, histograms = true, updateFreq, hparams, now = () => Date.now() / 1000 }: TensorBoardOptions): Callback {
  return {
    async onTrainBegin() {
      await sink.append(fileVersionEvent(now()));
      if (hparams) await sink.append(hparamsEvent(now(), hparams));
    },
    async onBatchEnd(ctx, logs) {
      if (updateFreq !== undefined && logs.loss !== undefined && ctx.step % updateFreq === 0) {
        await sink.append(scalarsEvent(now(), ctx.step, { 'batch/loss': logs.loss }));
      }
    },
    async onEpochEnd(context, logs) {
      const ctx = context as FitContext;
      const scalars: Logs = Object.fromEntries(Object.entries(logs).map(([k, v]) => [`epoch/${k}`, v]));
      const lr = getHyperparameter(ctx.optimizer, 'learningRate');
      if (lr !== undefined) scalars['epoch/learning_rate'] = lr;
      await sink.append(scalarsEvent(now(), ctx.epoch, scalars));
      if (histograms) {
        for (const [name, variable] of Object.entries(ctx.variables())) {
          const values = (await variable.data()) as Float32Array;
          await sink.append(histogramEvent(now(), ctx.epoch, name, histogram(values)));
        }
      }
    },
  };
}
