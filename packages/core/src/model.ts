import type * as tf from '@tensorflow/tfjs-core';
import type { PRNGKey } from './rng';
import type { TensorMap } from './tensor-map';

/** Options of a forward pass: `training` switches dropout and batch statistics; `key` seeds stochastic layers. */
export interface ForwardOptions {
  readonly training: boolean;
  readonly key?: PRNGKey;
}

/**
 * The contract between models, regularizers and the trainer: a forward function plus its variables under
 * PyTorch `state_dict` names (`layer1.0.conv1.weight`, `bn1.running_mean`). `@nnopt/models` modules implement
 * it; so can a wrapped tfjs-layers model or a hand-written function.
 */
export interface TrainableModel {
  forward(x: tf.Tensor, options: ForwardOptions): tf.Tensor;
  /** Trainable parameters, by name. */
  namedParameters(): TensorMap<tf.Variable>;
  /** Non-trainable state updated by the forward pass (BatchNorm running statistics), by name. */
  namedBuffers(): TensorMap<tf.Variable>;
}
