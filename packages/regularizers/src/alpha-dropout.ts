import * as tf from '@tensorflow/tfjs-core';
import { bernoulli } from '@nnopt/core';
import { checkDropout, type DropoutOptions } from './dropout-options';

/** SELU's negative saturation `-lambda * alpha` (Klambauer et al. 2017). */
const alphaPrime = -1.7580993408473766;

/**
 * `a * (x * m + alpha' * (1 - m)) + b` with `a = ((1 - rate) (1 + rate alpha'^2))^(-1/2)`, `b = -a alpha' rate`:
 * the affine correction that keeps zero mean and unit variance (PyTorch's ATen `_dropout_impl`).
 */
export function applyAlphaDropoutMask(x: tf.Tensor, mask: tf.Tensor, rate: number): tf.Tensor {
  const a = 1 / Math.sqrt((1 - rate) * (1 + rate * alphaPrime * alphaPrime));
  const b = -a * alphaPrime * rate;
  return tf.tidy(() => tf.add(tf.mul(tf.add(tf.mul(x, mask), tf.mul(alphaPrime, tf.sub(1, mask))), a), b));
}

/**
 * Alpha dropout for self-normalizing networks, `torch.nn.functional.alpha_dropout`: dropped units are set to SELU's
 * saturation value `alpha' = -1.7581` instead of 0, then an affine map `a * y + b` restores zero mean and unit
 * variance for standardized inputs: `y = a (x m + alpha' (1 - m)) + b`, `m ~ Bernoulli(1 - rate)`,
 * `a = ((1 - rate)(1 + rate alpha'^2))^(-1/2)`, `b = -a alpha' rate`.
 *
 * Options: `rate` in [0, 1) (default 0.5), `key`, `training`. Evaluation or `rate = 0` returns `x`.
 *
 * Klambauer et al. 2017, https://arxiv.org/abs/1706.02515
 */
export function alphaDropout<T extends tf.Tensor>(x: T, { rate = 0.5, key, training }: DropoutOptions): T {
  if (!checkDropout('alphaDropout', x, { rate, key, training }, { rateClosed: false })) return x;
  return tf.tidy(() => applyAlphaDropoutMask(x, bernoulli(key!, 1 - rate, x.shape), rate)) as T;
}
