import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertPositive, type Transform } from '@nnopt/core';
import { perVariable, type PerVariableState } from './per-variable';

/** Options of {@link scaleByRadam}. */
export interface ScaleByRadamOptions {
  /** Decay of the first moment. Default 0.9, in `[0, 1)`. */
  beta1?: number;
  /** Decay of the second moment. Default 0.999, in `[0, 1)`. */
  beta2?: number;
  /** Added to the root second moment. Default 1e-8, > 0. */
  epsilon?: number;
}

/** State of {@link scaleByRadam}: per variable, the step count and the moments `mu`, `nu`. */
export type ScaleByRadamState = PerVariableState<'count' | 'mu' | 'nu'>;

/**
 * Rectified Adam's preconditioner (Liu et al. 2020, https://arxiv.org/abs/1908.03265) as `torch.optim.RAdam`:
 * `m̂ = m_t / (1 - beta1^t)`, `rho_inf = 2 / (1 - beta2) - 1`, `rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)`;
 * if `rho_t > 5`: `r = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))` and
 * `u = m̂ * r * sqrt(1 - beta2^t) / (sqrt(v_t) + epsilon)`; otherwise `u = m̂` (un-adapted momentum SGD).
 *
 * Convention: epsilon added to `sqrt(v_t)` before the bias correction (PyTorch 1.13). Defaults `beta1 = 0.9`,
 * `beta2 = 0.999`, `epsilon = 1e-8`. The threshold and branches are host-side (per-variable step counts).
 *
 * @throws RangeError naming `beta1`/`beta2` (outside `[0, 1)`) or `epsilon` (<= 0).
 */
export function scaleByRadam({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: ScaleByRadamOptions = {}): Transform<ScaleByRadamState> {
  assertInRange('beta1', beta1, 0, 1);
  assertInRange('beta2', beta2, 0, 1);
  assertPositive('epsilon', epsilon);
  const rhoInf = 2 / (1 - beta2) - 1;
  return perVariable('scaleByRadam', ['count', 'mu', 'nu'], {
    init: (p) => ({ count: 0, mu: tf.zerosLike(p), nu: tf.zerosLike(p) }),
    update(g, s) {
      const t = (s.count as number) + 1;
      const mu = tf.add(tf.mul(s.mu as tf.Tensor, beta1), tf.mul(g, 1 - beta1));
      const nu = tf.add(tf.mul(s.nu as tf.Tensor, beta2), tf.mul(tf.square(g), 1 - beta2));
      const bc2 = 1 - beta2 ** t;
      const muHat = tf.div(mu, 1 - beta1 ** t);
      const rhoT = rhoInf - (2 * t * beta2 ** t) / bc2;
      let update = muHat;
      if (rhoT > 5) {
        const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
        update = tf.div(tf.mul(muHat, rect * Math.sqrt(bc2)), tf.add(tf.sqrt(nu), epsilon));
      }
      return { update, slots: { count: t, mu, nu } };
    },
  });
}
