import type * as tf from '@tensorflow/tfjs-core';
import type { Schedule } from '@nnopt/core';

/** A schedule driving one optimizer hyperparameter, evaluated at the optimizer step (default) or the epoch. */
export interface HyperparameterSchedule {
  readonly schedule: Schedule;
  readonly per?: 'step' | 'epoch';
}

interface Settable {
  setLearningRate?(value: number): void;
  setHyperparameter?(name: string, value: number): void;
}

/**
 * Sets `name` on the optimizer: `setHyperparameter(name, v)` where the optimizer has it (nnopt optimizers),
 * `setLearningRate(v)` for the learning rate, or the public field of that name (tfjs' own optimizers, e.g.
 * `learningRate`, `momentum`). Throws naming the hyperparameter when the optimizer has no way to take it.
 */
export function setHyperparameter(optimizer: tf.Optimizer, name: string, value: number): void {
  const target = optimizer as unknown as Settable & Record<string, unknown>;
  if (typeof target.setHyperparameter === 'function') target.setHyperparameter(name, value);
  else if (name === 'learningRate' && typeof target.setLearningRate === 'function') target.setLearningRate(value);
  else if (typeof target[name] === 'number') target[name] = value;
  else throw new Error(`optimizer ${optimizer.getClassName()} has no hyperparameter '${name}' to schedule`);
}
