import * as tf from '@tensorflow/tfjs-core';
import {
  assertInteger,
  foldIn,
  prngKey,
  runCallbacks,
  split,
  type Callback,
  type Logs,
  type PRNGKey,
  type TensorMap,
  type TrainableModel,
  type TrainingContext,
} from '@nnopt/core';
import { restore, snapshot, type Progress } from './checkpoint-state';
import type { DataLoader } from './data/loader';
import { evaluate } from './evaluate';
import { setHyperparameter, type HyperparameterSchedule } from './hyperparameters';
import { sparseSoftmaxCrossEntropy, type LossFn } from './losses';
import { accuracy } from './metrics/accuracy';
import { meanLoss } from './metrics/mean-loss';
import type { Metric } from './metrics/metric';
import { createTrainStep, type Penalty } from './train-step';

/** A batch augmentation, e.g. an @nnopt/augment pipeline: applied to training inputs only. */
export interface Augmentation {
  apply(images: tf.Tensor, options: { readonly key: PRNGKey; readonly training: boolean }): tf.Tensor;
}

/** Options of {@link fit}. */
export interface FitOptions {
  readonly model: TrainableModel;
  readonly optimizer: tf.Optimizer;
  readonly data: DataLoader;
  readonly validation?: DataLoader;
  /** Epochs to train (default 1). */
  readonly epochs?: number;
  /** Stop after this many optimizer steps in total, even mid-epoch. */
  readonly steps?: number;
  readonly loss?: LossFn;
  readonly regularizers?: readonly Penalty[];
  readonly clip?: { readonly globalNorm?: number; readonly value?: number };
  readonly accumulate?: number;
  /** Metric factories, fresh instances are made for training and validation (default loss and accuracy). */
  readonly metrics?: readonly (() => Metric)[];
  readonly callbacks?: readonly Callback[];
  /** Schedules of optimizer hyperparameters, by name: `{ learningRate: { schedule, per: 'step' } }`. */
  readonly hyperparameters?: { readonly [name: string]: HyperparameterSchedule };
  readonly augment?: Augmentation;
  /** Seed of dropout and augmentation keys (default 0). The data order is the loader's own seed. */
  readonly seed?: number;
  /** Checkpoint bytes (from {@link FitContext.snapshot}) to resume from. */
  readonly resume?: Uint8Array;
  /** Names the checkpoint in errors (e.g. its path); default `checkpoint`. */
  readonly resumeSource?: string;
  /** Batch logs carry `size` always, and `loss` (one device read) every `logEvery` batches and on each epoch's last batch. Default 10. */
  readonly logEvery?: number;
}

/** The context fit hands its callbacks: core's `TrainingContext` plus the full-state snapshot for checkpoints. */
export interface FitContext extends TrainingContext {
  readonly model: TrainableModel;
  readonly optimizer: tf.Optimizer;
  /** Batches per epoch and total epochs, for progress displays. */
  readonly batchesPerEpoch: number;
  readonly epochs: number;
  /** Safetensors bytes of the complete training state at the current position; `fit({ resume })` continues from them. */
  snapshot(): Promise<Uint8Array>;
}

/** What {@link fit} returns. */
export interface History {
  /** One entry per completed epoch: training metrics and, with validation, `val_*` metrics. */
  readonly epochs: Logs[];
  readonly steps: number;
  /** Why training stopped early, or null. */
  readonly stopReason: string | null;
}

/**
 * Trains `model` (Keras' `fit`, PyTorch's usual loop): for each epoch, batches from `data` (optionally augmented) go
 * through {@link createTrainStep}; scheduled hyperparameters are set before each step; `validation` is evaluated at
 * each epoch's end; callbacks see every hook. The random key of batch `b` of epoch `e` is `foldIn(foldIn(seed, e), b)`
 * and the data order is the loader's pure function of the epoch, so a run resumed from a snapshot replays exactly.
 */
export async function fit(options: FitOptions): Promise<History> {
  const { model, optimizer, data, validation, epochs = 1, steps: maxSteps, callbacks = [], hyperparameters = {}, augment } = options;
  assertInteger('epochs', epochs, 1);
  if (maxSteps !== undefined) assertInteger('steps', maxSteps, 1);
  const logEvery = options.logEvery ?? 10;
  assertInteger('logEvery', logEvery, 1);
  const makeMetrics = options.metrics ?? [() => meanLoss(), () => accuracy()];
  const trainMetrics = makeMetrics.map((make) => make());
  const valMetrics = makeMetrics.map((make) => make());
  const loss = options.loss ?? sparseSoftmaxCrossEntropy;
  const step = createTrainStep({ model, optimizer, loss, regularizers: options.regularizers, clip: options.clip, accumulate: options.accumulate, metrics: trainMetrics });

  let seed = options.seed ?? 0;
  let progress: Progress = { epoch: 0, batch: 0, step: 0 };
  let history: Logs[] = [];
  const run = { model, optimizer, metrics: trainMetrics, callbacks };
  if (options.resume) ({ progress, seed, history } = await restore(run, options.resume, options.resumeSource));
  const root = prngKey(seed);
  const stepsBefore = progress.step;
  const stepsTaken = () => stepsBefore + step.steps;
  let stopReason: string | null = null;

  const ctx: FitContext = {
    get epoch() {
      return progress.epoch;
    },
    get batch() {
      return progress.batch;
    },
    get step() {
      return progress.step;
    },
    model,
    optimizer,
    batchesPerEpoch: data.length,
    epochs,
    variables: (): TensorMap<tf.Variable> => ({ ...model.namedParameters(), ...model.namedBuffers() }),
    stopTraining: (reason: string) => void (stopReason ??= reason),
    snapshot: () => snapshot(run, progress, seed, history),
  };

  const applySchedules = (epoch: number, at: number) => {
    for (const [name, { schedule, per = 'step' }] of Object.entries(hyperparameters)) {
      setHyperparameter(optimizer, name, schedule(per === 'step' ? at : epoch));
    }
  };

  await runCallbacks(callbacks, 'onTrainBegin', ctx, {});
  try {
    for (let epoch = progress.epoch; epoch < epochs && stopReason === null; epoch++) {
      if (progress.batch === 0) {
        for (const metric of trainMetrics) metric.reset();
        await runCallbacks(callbacks, 'onEpochBegin', ctx, {});
      }
      const epochKey = foldIn(root, epoch);
      for (const batch of data.epoch(epoch, progress.batch)) {
        const [layerKey, augmentKey] = split(foldIn(epochKey, batch.index));
        applySchedules(epoch, progress.step);
        await runCallbacks(callbacks, 'onBatchBegin', ctx, {});
        let x = batch.x;
        let batchLoss: tf.Scalar;
        try {
          if (augment) x = augment.apply(batch.x, { key: augmentKey!, training: true });
          batchLoss = step({ x, y: batch.y }, { key: layerKey });
        } finally {
          tf.dispose([batch.x, batch.y, x]);
        }
        const last = batch.index === data.length - 1;
        const logs: Logs = { size: batch.y.shape[0]! };
        if ((batch.index + 1) % logEvery === 0 || last) logs.loss = batchLoss.dataSync()[0]!;
        batchLoss.dispose();
        progress = { epoch, batch: batch.index + 1, step: stepsTaken() };
        await runCallbacks(callbacks, 'onBatchEnd', ctx, logs);
        if (maxSteps !== undefined && stepsTaken() >= maxSteps) stopReason ??= `reached ${maxSteps} steps`;
        if (stopReason !== null) break;
      }
      if (progress.batch < data.length) break; // stopped mid-epoch
      const logs: Logs = Object.fromEntries(trainMetrics.map((m) => [m.name, m.result()]));
      if (validation) Object.assign(logs, evaluate(model, validation, { metrics: valMetrics, loss }));
      history = [...history, logs];
      progress = { epoch: epoch + 1, batch: 0, step: stepsTaken() };
      await runCallbacks(callbacks, 'onEpochEnd', { ...ctx, epoch } as FitContext, logs);
    }
  } finally {
    for (const metric of [...trainMetrics, ...valMetrics]) metric.reset();
  }
  await runCallbacks(callbacks, 'onTrainEnd', ctx, history[history.length - 1] ?? {});
  return { epochs: history, steps: progress.step, stopReason };
}
