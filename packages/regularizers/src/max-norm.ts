import * as tf from '@tensorflow/tfjs-core';
import { assertPositive } from '@nnopt/core';
import { checkAxisOption, makeConstraint, resolveAxes, type Constraint } from './constraint';
import { isDecayable, type ParamFilter } from './param-filter';

/** Options of {@link maxNorm}. */
export interface MaxNormOptions {
  /** Largest allowed L2 norm (default 2, as Keras). */
  readonly maxValue?: number;
  /**
   * Axes the norm is taken over (Keras convention; default 0, i.e. per output unit of a tfjs `[in, out]` kernel).
   * For a PyTorch-layout weight `[out, in, ...]` use all axes but 0 (`[1, 2, 3]` for a conv), which is
   * `torch.renorm(w, 2, 0, maxValue)`.
   */
  readonly axis?: number | readonly number[];
  /** Which variables are constrained (default {@link isDecayable}). */
  readonly filter?: ParamFilter;
}

/**
 * Max-norm constraint, Keras `constraints.MaxNorm`: each slice's L2 norm over `axis` is capped at `maxValue`,
 * `w <- w * clip(||w||, 0, maxValue) / (eps + ||w||)` with `eps = 1e-7`. Applied after each step (see
 * {@link Constraint}). Throws a RangeError naming `maxValue` or `axis` when invalid.
 *
 * Srivastava et al. 2014, section 5.1, https://jmlr.org/papers/v15/srivastava14a.html
 */
export function maxNorm({ maxValue = 2, axis = 0, filter = isDecayable }: MaxNormOptions = {}): Constraint {
  assertPositive('maxValue', maxValue);
  checkAxisOption(axis);
  return makeConstraint('maxNorm', filter, (w, name) => {
    const norms = tf.sqrt(tf.sum(tf.square(w), resolveAxes('maxNorm', axis, w.rank, name), true));
    return tf.mul(w, tf.div(tf.clipByValue(norms, 0, maxValue), tf.add(1e-7, norms)));
  });
}
