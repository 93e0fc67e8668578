import type * as tf from '@tensorflow/tfjs-core';
import type { State } from './state';
import type { TensorMap } from './tensor-map';

/** Scalar metrics of a batch or an epoch, e.g. `{ loss: 0.31, acc: 0.9, val_loss: 0.35 }`. */
export type Logs = { [metric: string]: number };

/**
 * What a training loop shows its callbacks. `epoch` and `batch` count from 0; `step` counts optimizer steps
 * taken so far over the whole run.
 */
export interface TrainingContext {
  readonly epoch: number;
  readonly batch: number;
  readonly step: number;
  /** Every model variable (trainable parameters and buffers such as BatchNorm statistics), by name. */
  variables(): TensorMap<tf.Variable>;
  /** Asks the loop to stop after the current batch; `reason` is logged. */
  stopTraining(reason: string): void;
}

/**
 * Training hooks (Keras' `Callback`, by name). Every hook is optional and may be async; the loop awaits it.
 * Hooks run in list order; `logs` of `onEpochEnd` hold the epoch's training and validation metrics.
 * A callback with state to checkpoint (best value, wait counter, averaged weights) implements `stateDict` and
 * `loadStateDict`, under a stable `name`.
 */
export interface Callback {
  readonly name?: string;
  onTrainBegin?(ctx: TrainingContext, logs: Logs): void | Promise<void>;
  onTrainEnd?(ctx: TrainingContext, logs: Logs): void | Promise<void>;
  onEpochBegin?(ctx: TrainingContext, logs: Logs): void | Promise<void>;
  onEpochEnd?(ctx: TrainingContext, logs: Logs): void | Promise<void>;
  onBatchBegin?(ctx: TrainingContext, logs: Logs): void | Promise<void>;
  onBatchEnd?(ctx: TrainingContext, logs: Logs): void | Promise<void>;
  stateDict?(): State;
  loadStateDict?(state: State): void;
}

/** The hook names, in the order a loop calls them. */
export type CallbackHook = 'onTrainBegin' | 'onEpochBegin' | 'onBatchBegin' | 'onBatchEnd' | 'onEpochEnd' | 'onTrainEnd';

/** Runs `hook` on each callback in order, awaiting each. */
export async function runCallbacks(
  callbacks: readonly Callback[],
  hook: CallbackHook,
  ctx: TrainingContext,
  logs: Logs,
): Promise<void> {
  for (const callback of callbacks) await callback[hook]?.(ctx, logs);
}
