import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative } from '@nnopt/core';
import { isDecayable, type ParamFilter } from './param-filter';
import { sumPenalty, type Penalty } from './penalty';

/** Options of {@link l1l2}. */
export interface L1L2Options {
  /** L1 strength (default 0.01). */
  readonly l1?: number;
  /** L2 strength (default 0.01). */
  readonly l2?: number;
  /** Which parameters are penalized (default {@link isDecayable}). */
  readonly filter?: ParamFilter;
}

/**
 * Elastic-net penalty, Keras `regularizers.L1L2`: `R(theta) = sum_k (l1 * sum|w_k| + l2 * sum w_k^2)`; equal to
 * `l1(...) + l2(...)` with the same options. Defaults l1 = l2 = 0.01 (Keras' `regularizers.l1_l2()` shortcut).
 * Throws a `RangeError` naming `l1` or `l2` when negative or not finite.
 *
 * Zou & Hastie 2005, https://doi.org/10.1111/j.1467-9868.2005.00503.x
 */
export function l1l2({ l1 = 0.01, l2 = 0.01, filter = isDecayable }: L1L2Options = {}): Penalty {
  assertNonNegative('l1', l1);
  assertNonNegative('l2', l2);
  return (params) =>
    sumPenalty('l1l2', params, filter, (p) => tf.add(tf.mul(l1, tf.sum(tf.abs(p))), tf.mul(l2, tf.sum(tf.square(p)))));
}
