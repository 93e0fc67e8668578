import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertNonNegative, assertPositive, type Transform } from '@nnopt/core';
import { perVariable, type PerVariableState } from './per-variable';

/** Options of {@link scaleByNadam}. */
export interface ScaleByNadamOptions {
  /** Decay of the first moment. Default 0.9, in `[0, 1)`. */
  beta1?: number;
  /** Decay of the second moment. Default 0.999, in `[0, 1)`. */
  beta2?: number;
  /** Added to the bias-corrected root second moment. Default 1e-8, > 0. */
  epsilon?: number;
  /** Momentum schedule decay `psi`. Default 4e-3, >= 0. */
  momentumDecay?: number;
}

/** State of {@link scaleByNadam}: per variable, the step count, the product of momentum coefficients, `mu`, `nu`. */
export type ScaleByNadamState = PerVariableState<'count' | 'muProduct' | 'mu' | 'nu'>;

/**
 * NAdam's preconditioner (Dozat 2016, https://openreview.net/forum?id=OM0jvwB8jIp57ZJjtNEZ) exactly as
 * `torch.optim.NAdam` of PyTorch 1.13, per variable with its own step `t`:
 *
 * `mu_t = beta1 (1 - 0.5 * 0.96^(t psi))`, `mu_{t+1}` likewise, `P_t = P_{t-1} mu_t` (`P_0 = 1`),
 * `m_t = beta1 m_{t-1} + (1 - beta1) g`, `v_t = beta2 v_{t-1} + (1 - beta2) g^2`,
 * `d = sqrt(v_t / (1 - beta2^t)) + epsilon`,
 * `u = (1 - mu_t) / (1 - P_t) * g / d + mu_{t+1} / (1 - P_t mu_t mu_{t+1}) * m_t / d`.
 *
 * Note: the second denominator is PyTorch 1.13's `1 - mu_product * mu * mu_next` (where `mu_product` already
 * includes `mu`); PyTorch 2.0 changed it to `1 - P_t mu_{t+1}`. We follow the 1.13 reference the parity tests use;
 * the two differ by a factor close to 1 that fades as `P_t -> 0`. `P_t` is a host-side number (float64).
 * Defaults `beta1 = 0.9`, `beta2 = 0.999`, `epsilon = 1e-8`, `momentumDecay = 4e-3`.
 *
 * @throws RangeError naming `beta1`/`beta2` (outside `[0, 1)`), `epsilon` (<= 0) or `momentumDecay` (< 0).
 */
export function scaleByNadam({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, momentumDecay = 4e-3 }: ScaleByNadamOptions = {}): Transform<ScaleByNadamState> {
  assertInRange('beta1', beta1, 0, 1);
  assertInRange('beta2', beta2, 0, 1);
  assertPositive('epsilon', epsilon);
  assertNonNegative('momentumDecay', momentumDecay);
  return perVariable('scaleByNadam', ['count', 'muProduct', 'mu', 'nu'], {
    init: (p) => ({ count: 0, muProduct: 1, mu: tf.zerosLike(p), nu: tf.zerosLike(p) }),
    update(g, s) {
      const t = (s.count as number) + 1;
      const muT = beta1 * (1 - 0.5 * 0.96 ** (t * momentumDecay));
      const muNext = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentumDecay));
      const muProduct = (s.muProduct as number) * muT;
      const muProductNext = muProduct * muT * muNext;
      const mu = tf.add(tf.mul(s.mu as tf.Tensor, beta1), tf.mul(g, 1 - beta1));
      const nu = tf.add(tf.mul(s.nu as tf.Tensor, beta2), tf.mul(tf.square(g), 1 - beta2));
      const denom = tf.add(tf.sqrt(tf.div(nu, 1 - beta2 ** t)), epsilon);
      const update = tf.div(tf.add(tf.mul(g, (1 - muT) / (1 - muProduct)), tf.mul(mu, muNext / (1 - muProductNext))), denom);
      return { update, slots: { count: t, muProduct, mu, nu } };
    },
  });
}
