import * as tf from '@tensorflow/tfjs-core';
import type { PRNGKey } from '@nnopt/core';
import type { Initializer } from './initializers';
import type { TorchLayout } from './module';

/**
 * PyTorch's layout -> the in-memory one, as a new tensor the caller owns: conv OIHW `[out, in/g, kh, kw]` -> HWIO
 * `[kh, kw, in/g, out]`; linear `[out, in]` -> `[in, out]` (back with {@link toTorchLayout}).
 */
export function fromTorchLayout(tensor: tf.Tensor, layout: TorchLayout | undefined): tf.Tensor {
  if (layout === 'conv2d') return tf.transpose(tensor, [2, 3, 1, 0]);
  return layout === 'linear' ? tf.transpose(tensor, [1, 0]) : tf.clone(tensor);
}

/** The in-memory layout -> PyTorch's, as a new tensor the caller owns. */
export function toTorchLayout(tensor: tf.Tensor, layout: TorchLayout | undefined): tf.Tensor {
  if (layout === 'conv2d') return tf.transpose(tensor, [3, 2, 0, 1]);
  return layout === 'linear' ? tf.transpose(tensor, [1, 0]) : tf.clone(tensor);
}

/** The PyTorch shape of a variable held in `layout`. */
export function torchShape(shape: readonly number[], layout: TorchLayout | undefined): number[] {
  if (layout === 'conv2d') return [shape[3]!, shape[2]!, shape[0]!, shape[1]!];
  return layout === 'linear' ? [shape[1]!, shape[0]!] : [...shape];
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
