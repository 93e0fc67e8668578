import * as tf from '@tensorflow/tfjs-core';
import { assertOption } from '@nnopt/core';

/**
 * The `p`-norm of all elements of `x` as a scalar, as `torch.norm(x, p)`: `(sum |x|^p)^(1/p)`, `max |x|` for
 * `p = Infinity`. Internal to the package (clipping transforms).
 */
export function pNorm(x: tf.Tensor, p: number): tf.Scalar {
  if (p === Infinity) return tf.max(tf.abs(x)) as tf.Scalar;
  if (p === 2) return tf.sqrt(tf.sum(tf.square(x))) as tf.Scalar;
  if (p === 1) return tf.sum(tf.abs(x)) as tf.Scalar;
  return tf.pow(tf.sum(tf.pow(tf.abs(x), p)), 1 / p) as tf.Scalar;
}

/** Validates a norm order: a finite number > 0 or `Infinity` (torch's `norm_type`). */
export function assertNormType(option: string, p: number): void {
  assertOption(p === Infinity || (Number.isFinite(p) && p > 0), option, p, 'a number > 0 or Infinity');
}
