import type * as tf from '@tensorflow/tfjs-core';
import { valueAt, type Schedule, type ScheduleLike } from '@nnopt/core';

/** A schedule driving one optimizer hyperparameter, evaluated at the optimizer step (default) or the epoch. */
export interface HyperparameterSchedule {
  readonly schedule: Schedule;
  readonly per?: 'step' | 'epoch';
}

interface Holder {
  transform?: { hyperparams?: { [name: string]: ScheduleLike } };
  iterations?: number;
  setLearningRate?(value: number): void;
}

/**
 * Sets `name` on the optimizer: in the injected hyperparameters of an nnopt optimizer (`injectHyperparams`: any of
 * them, e.g. `weightDecay`, `beta1`), through `setLearningRate`, or as the public field of that name (tfjs' own
 * optimizers: `learningRate`, `momentum`). Throws naming the hyperparameter when the optimizer cannot take it.
 */
export function setHyperparameter(optimizer: tf.Optimizer, name: string, value: number): void {
  const target = optimizer as unknown as Holder & Record<string, unknown>;
  const injected = target.transform?.hyperparams;
  if (injected !== undefined && name in injected) injected[name] = value;
  else if (name === 'learningRate' && typeof target.setLearningRate === 'function') target.setLearningRate(value);
  else if (typeof target[name] === 'number') target[name] = value;
  else throw new Error(`optimizer ${optimizer.getClassName()} has no hyperparameter '${name}' to schedule`);
}

/** Reads `name` from the optimizer as {@link setHyperparameter} would set it (schedules evaluated at the current step). */
export function getHyperparameter(optimizer: tf.Optimizer, name: string): number | undefined {
  const target = optimizer as unknown as Holder & Record<string, unknown>;
  const injected = target.transform?.hyperparams?.[name];
  if (injected !== undefined) return valueAt(injected, target.iterations ?? 0);
  return typeof target[name] === 'number' ? (target[name] as number) : undefined;
}
