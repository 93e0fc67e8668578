import * as tf from '@tensorflow/tfjs-core';
import { normal } from '@nnopt/core';
import { checkDropout, type DropoutOptions } from './dropout-options';

/**
 * Multiplicative Gaussian noise, Keras `GaussianDropout`: `y = x * e`, `e ~ N(1, rate / (1 - rate))` elementwise,
 * the variance of inverted dropout with the same `rate`, so `E[y] = x`.
 *
 * Options: `rate` in [0, 1) (default 0.5), `key`, `training`. Evaluation or `rate = 0` returns `x`.
 *
 * Srivastava et al. 2014, section 10, https://jmlr.org/papers/v15/srivastava14a.html
 */
export function gaussianDropout<T extends tf.Tensor>(x: T, { rate = 0.5, key, training }: DropoutOptions): T {
  if (!checkDropout('gaussianDropout', x, { rate, key, training }, { rateClosed: false })) return x;
  return tf.tidy(() => tf.mul(x, normal(key!, x.shape, 1, Math.sqrt(rate / (1 - rate))))) as T;
}
