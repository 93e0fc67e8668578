import * as tf from '@tensorflow/tfjs-core';
import type { PRNGKey } from '@nnopt/core';
import type { Initializer } from './initializers';
import type { TorchLayout } from './module';

/** PyTorch's OIHW `[out, in/g, kh, kw]` -> tfjs' HWIO `[kh, kw, in/g, out]` (and back with {@link toTorchLayout}). */
export function fromTorchLayout(tensor: tf.Tensor, layout: TorchLayout | undefined): tf.Tensor {
  return layout === 'conv2d' ? tf.transpose(tensor, [2, 3, 1, 0]) : tf.clone(tensor);
}

/** tfjs' HWIO -> PyTorch's OIHW, as a new tensor the caller owns. */
export function toTorchLayout(tensor: tf.Tensor, layout: TorchLayout | undefined): tf.Tensor {
  return layout === 'conv2d' ? tf.transpose(tensor, [3, 2, 0, 1]) : tf.clone(tensor);
}

/** The PyTorch shape of a variable held in `layout`. */
export function torchShape(shape: readonly number[], layout: TorchLayout | undefined): number[] {
  return layout === 'conv2d' ? [shape[3]!, shape[2]!, shape[0]!, shape[1]!] : [...shape];
}

/** A trainable variable initialized by `init` at the PyTorch shape `shape`, held in `layout`. */
export function createParameter(init: Initializer, key: PRNGKey, shape: readonly number[], layout?: TorchLayout): tf.Variable {
  const value = tf.tidy(() => fromTorchLayout(init(key, shape), layout));
  const variable = tf.variable(value, true);
  value.dispose();
  return variable;
}

/**
 * A variable holding `value`, which it takes over (`value` is disposed): non-trainable by default (a buffer such
 * as BatchNorm's running mean), trainable with `trainable: true` (BatchNorm's weight).
 */
export function createBuffer(value: tf.Tensor, trainable = false): tf.Variable {
  const variable = tf.variable(value, trainable);
  value.dispose();
  return variable;
}
