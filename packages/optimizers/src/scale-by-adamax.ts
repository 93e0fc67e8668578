import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertPositive, type Transform } from '@nnopt/core';
import { perVariable, type PerVariableState } from './per-variable';

/** Options of {@link scaleByAdamax}. */
export interface ScaleByAdamaxOptions {
  /** Decay of the first moment. Default 0.9, in `[0, 1)`. */
  beta1?: number;
  /** Decay of the infinity norm. Default 0.999, in `[0, 1)`. */
  beta2?: number;
  /** Added to `|g|` before the max. Default 1e-8, > 0. */
  epsilon?: number;
}

/** State of {@link scaleByAdamax}: per variable, the step count, first moment `mu` and infinity norm `expInf`. */
export type ScaleByAdamaxState = PerVariableState<'count' | 'mu' | 'expInf'>;

/**
 * Adamax's preconditioner (Kingma & Ba 2015, section 7, https://arxiv.org/abs/1412.6980) as `torch.optim.Adamax`:
 * `m_t = beta1 m_{t-1} + (1 - beta1) g`, `u_t = max(beta2 u_{t-1}, |g| + epsilon)`, `u = m_t / ((1 - beta1^t) u_t)`.
 *
 * Convention: epsilon is added to `|g|` inside the max (PyTorch; tfjs' `adamax` adds it to the denominator).
 * Defaults `beta1 = 0.9`, `beta2 = 0.999`, `epsilon = 1e-8`.
 *
 * @throws RangeError naming `beta1`/`beta2` (outside `[0, 1)`) or `epsilon` (<= 0).
 */
export function scaleByAdamax({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: ScaleByAdamaxOptions = {}): Transform<ScaleByAdamaxState> {
  assertInRange('beta1', beta1, 0, 1);
  assertInRange('beta2', beta2, 0, 1);
  assertPositive('epsilon', epsilon);
  return perVariable('scaleByAdamax', ['count', 'mu', 'expInf'], {
    init: (p) => ({ count: 0, mu: tf.zerosLike(p), expInf: tf.zerosLike(p) }),
    update(g, s) {
      const t = (s.count as number) + 1;
      const mu = tf.add(tf.mul(s.mu as tf.Tensor, beta1), tf.mul(g, 1 - beta1));
      const expInf = tf.maximum(tf.mul(s.expInf as tf.Tensor, beta2), tf.add(tf.abs(g), epsilon));
      return { update: tf.div(mu, tf.mul(expInf, 1 - beta1 ** t)), slots: { count: t, mu, expInf } };
    },
  });
}
