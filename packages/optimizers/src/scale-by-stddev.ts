import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, assertPositive, type Transform } from '@nnopt/core';
import { perVariable, type PerVariableState } from './per-variable';
import type { ScaleByRmsOptions } from './scale-by-rms';

/** State of {@link scaleByStddev}: per variable, the running mean `mu` and mean square `nu`. */
export type ScaleByStddevState = PerVariableState<'mu' | 'nu'>;

/**
 * Centered RMSprop's preconditioner (Graves 2013, https://arxiv.org/abs/1308.0850), as `torch.optim.RMSprop` with
 * `centered = true`: `m_t = alpha m_{t-1} + (1 - alpha) g`, `v_t = alpha v_{t-1} + (1 - alpha) g^2`,
 * `u = g / (sqrt(v_t - m_t^2) + epsilon)`, starting from zeros.
 *
 * Convention: epsilon outside the square root (PyTorch). Defaults `alpha = 0.99`, `epsilon = 1e-8`.
 *
 * @throws RangeError naming `alpha` (< 0) or `epsilon` (<= 0).
 */
export function scaleByStddev({ alpha = 0.99, epsilon = 1e-8 }: ScaleByRmsOptions = {}): Transform<ScaleByStddevState> {
  assertNonNegative('alpha', alpha);
  assertPositive('epsilon', epsilon);
  return perVariable('scaleByStddev', ['mu', 'nu'], {
    init: (p) => ({ mu: tf.zerosLike(p), nu: tf.zerosLike(p) }),
    update(g, s) {
      const mu = tf.add(tf.mul(s.mu as tf.Tensor, alpha), tf.mul(g, 1 - alpha));
      const nu = tf.add(tf.mul(s.nu as tf.Tensor, alpha), tf.mul(tf.square(g), 1 - alpha));
      const std = tf.sqrt(tf.sub(nu, tf.square(mu)));
      return { update: tf.div(g, tf.add(std, epsilon)), slots: { mu, nu } };
    },
  });
}
