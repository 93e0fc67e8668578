import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, assertPositive, type Transform } from '@nnopt/core';
import { perVariable, type PerVariableState } from './per-variable';

/** Options of {@link scaleByRms} and `scaleByStddev`. */
export interface ScaleByRmsOptions {
  /** Smoothing constant (decay) of the running averages. Default 0.99, >= 0 (PyTorch's `alpha`). */
  alpha?: number;
  /** Added to the root mean square. Default 1e-8, > 0. */
  epsilon?: number;
}

/** State of {@link scaleByRms}: per variable, the running mean square `nu`. */
export type ScaleByRmsState = PerVariableState<'nu'>;

/**
 * RMSprop's preconditioner (Hinton, Lecture 6e, http://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf)
 * as `torch.optim.RMSprop` (`centered = false`): `v_t = alpha v_{t-1} + (1 - alpha) g^2`, `u = g / (sqrt(v_t) + epsilon)`,
 * `v_0 = 0`.
 *
 * Convention: epsilon outside the square root (PyTorch; optax's `scale_by_rms` puts it inside, tfjs' `rmsprop` too).
 * Defaults `alpha = 0.99`, `epsilon = 1e-8`.
 *
 * @throws RangeError naming `alpha` (< 0) or `epsilon` (<= 0).
 */
export function scaleByRms({ alpha = 0.99, epsilon = 1e-8 }: ScaleByRmsOptions = {}): Transform<ScaleByRmsState> {
  assertNonNegative('alpha', alpha);
  assertPositive('epsilon', epsilon);
  return perVariable('scaleByRms', ['nu'], {
    init: (p) => ({ nu: tf.zerosLike(p) }),
    update(g, s) {
      const nu = tf.add(tf.mul(s.nu as tf.Tensor, alpha), tf.mul(tf.square(g), 1 - alpha));
      return { update: tf.div(g, tf.add(tf.sqrt(nu), epsilon)), slots: { nu } };
    },
  });
}
