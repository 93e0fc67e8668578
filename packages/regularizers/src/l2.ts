import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative } from '@nnopt/core';
import { isDecayable, type ParamFilter } from './param-filter';
import { sumPenalty, type Penalty } from './penalty';

/** Options of {@link l2}. */
export interface L2Options {
  /** Strength `lambda_2` (default 0.01, as Keras). */
  readonly l2?: number;
  /** Which parameters are penalized (default {@link isDecayable}: weights only, no biases or norm parameters). */
  readonly filter?: ParamFilter;
}

/**
 * L2 (ridge) penalty, Keras `regularizers.L2`: `R(theta) = l2 * sum_k sum_i w_k,i^2`, gradient `2 * l2 * w`.
 *
 * Convention: Keras' (no 1/2). PyTorch's coupled `weight_decay = wd` adds `wd * w` to the gradient, which is this
 * penalty with `l2 = wd / 2`. For decoupled decay (AdamW) use the optimizer's weight decay instead of a penalty.
 * Throws a `RangeError` naming `l2` when it is negative or not finite.
 *
 * Krogh & Hertz 1991, https://papers.nips.cc/paper/563-a-simple-weight-decay-can-improve-generalization
 */
export function l2({ l2: strength = 0.01, filter = isDecayable }: L2Options = {}): Penalty {
  assertNonNegative('l2', strength);
  return (params) => sumPenalty('l2', params, filter, (p) => tf.mul(strength, tf.sum(tf.square(p))));
}
