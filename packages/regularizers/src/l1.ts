import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative } from '@nnopt/core';
import { isDecayable, type ParamFilter } from './param-filter';
import { sumPenalty, type Penalty } from './penalty';

/** Options of {@link l1}. */
export interface L1Options {
  /** Strength `lambda_1` (default 0.01, as Keras). */
  readonly l1?: number;
  /** Which parameters are penalized (default {@link isDecayable}: weights only, no biases or norm parameters). */
  readonly filter?: ParamFilter;
}

/**
 * L1 (lasso) penalty, Keras `regularizers.L1`: `R(theta) = l1 * sum_k sum_i |w_k,i|` over the kept parameters.
 * Its gradient is `l1 * sign(w)` (0 at 0). Throws a `RangeError` naming `l1` when it is negative or not finite.
 *
 * Tibshirani 1996, https://doi.org/10.1111/j.2517-6161.1996.tb02080.x
 */
export function l1({ l1: strength = 0.01, filter = isDecayable }: L1Options = {}): Penalty {
  assertNonNegative('l1', strength);
  return (params) => sumPenalty('l1', params, filter, (p) => tf.mul(strength, tf.sum(tf.abs(p))));
}
