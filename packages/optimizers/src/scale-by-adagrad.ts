import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, assertPositive, type Transform } from '@nnopt/core';
import { perVariable, type PerVariableState } from './per-variable';

/** Options of {@link scaleByAdagrad}. */
export interface ScaleByAdagradOptions {
  /** Initial value of the sum of squares. Default 0, >= 0. */
  initialAccumulatorValue?: number;
  /** Added to the root of the sum. Default 1e-10, > 0. */
  epsilon?: number;
  /** Learning-rate decay: the update is divided by `1 + (t - 1) * lrDecay`. Default 0, >= 0. */
  lrDecay?: number;
}

/** State of {@link scaleByAdagrad}: per variable, the step count and the sum of squared gradients `sum`. */
export type ScaleByAdagradState = PerVariableState<'count' | 'sum'>;

/**
 * Adagrad's preconditioner (Duchi et al. 2011, https://jmlr.org/papers/v12/duchi11a.html) as `torch.optim.Adagrad`:
 * `s_t = s_{t-1} + g^2`, `u = g / (sqrt(s_t) + epsilon) / (1 + (t - 1) * lrDecay)`, `s_0 = initialAccumulatorValue`,
 * `t` the variable's own step count (1 for its first step).
 *
 * Convention: epsilon outside the square root (PyTorch; tfjs' `adagrad` has no epsilon term of this kind and
 * defaults its accumulator to 0.1). Defaults `initialAccumulatorValue = 0`, `epsilon = 1e-10`, `lrDecay = 0`.
 *
 * @throws RangeError naming `initialAccumulatorValue` / `lrDecay` (< 0) or `epsilon` (<= 0).
 */
export function scaleByAdagrad({ initialAccumulatorValue = 0, epsilon = 1e-10, lrDecay = 0 }: ScaleByAdagradOptions = {}): Transform<ScaleByAdagradState> {
  assertNonNegative('initialAccumulatorValue', initialAccumulatorValue);
  assertPositive('epsilon', epsilon);
  assertNonNegative('lrDecay', lrDecay);
  return perVariable('scaleByAdagrad', ['count', 'sum'], {
    init: (p) => ({ count: 0, sum: tf.fill(p.shape, initialAccumulatorValue) }),
    update(g, s) {
      const t = (s.count as number) + 1;
      const sum = tf.add(s.sum as tf.Tensor, tf.square(g));
      const update = tf.div(g, tf.mul(tf.add(tf.sqrt(sum), epsilon), 1 + (t - 1) * lrDecay));
      return { update, slots: { count: t, sum } };
    },
  });
}
