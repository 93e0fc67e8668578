import * as tf from '@tensorflow/tfjs-core';
import { bernoulli } from '@nnopt/core';
import { applyDropoutMask, checkDropout, type DropoutOptions } from './dropout-options';

/**
 * Inverted dropout, `torch.nn.functional.dropout`: in training, each element is zeroed with probability `rate`
 * and the survivors are scaled by `1 / (1 - rate)`, so `E[y] = x`; `y = x * m / (1 - rate)`, `m ~ Bernoulli(1 - rate)`.
 * Evaluation (`training: false`) or `rate = 0` returns `x`; `rate = 1` returns zeros.
 *
 * Options: `rate` (default 0.5), `key` (required in training), `training`. Throws before any work when `x` is not
 * float32, `rate` is outside [0, 1] (RangeError) or the key is missing.
 *
 * Srivastava et al. 2014, https://jmlr.org/papers/v15/srivastava14a.html
 */
export function dropout<T extends tf.Tensor>(x: T, { rate = 0.5, key, training }: DropoutOptions): T {
  if (!checkDropout('dropout', x, { rate, key, training })) return x;
  return tf.tidy(() => applyDropoutMask(x, bernoulli(key!, 1 - rate, x.shape), rate)) as T;
}
