import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertPositive, mapTensors, type TensorMap, type Transform } from '@nnopt/core';
import { stateEntry } from './state-entry';

/** Options of {@link scaleByBelief}. */
export interface ScaleByBeliefOptions {
  /** Decay of the first moment. Default 0.9, in `[0, 1)`. */
  beta1?: number;
  /** Decay of the belief (centred second moment). Default 0.999, in `[0, 1)`. */
  beta2?: number;
  /** `epsilon`, added inside `s` each step and to the denominator, as the paper. Default 1e-16, `> 0`. */
  epsilon?: number;
}

/** State of {@link scaleByBelief}: moments and a step count per variable (counts as host numbers). */
export type ScaleByBeliefState = {
  readonly mu: TensorMap;
  readonly nu: TensorMap;
  readonly count: { readonly [name: string]: number };
};

/**
 * AdaBelief's preconditioner (Zhuang et al. 2020, "AdaBelief Optimizer: Adapting Stepsizes by the Belief in
 * Observed Gradients", https://arxiv.org/abs/2010.07468, Algorithm 2), per variable with its own step `t`:
 *
 * `m_t = beta1 m_{t-1} + (1 - beta1) g_t`
 * `s_t = beta2 s_{t-1} + (1 - beta2) (g_t - m_t)^2 + epsilon`
 * `u_t = (m_t / (1 - beta1^t)) / (sqrt(s_t / (1 - beta2^t)) + epsilon)`
 *
 * Defaults `beta1 = 0.9`, `beta2 = 0.999`, `epsilon = 1e-16` (the paper's and adabelief-pytorch's). Convention:
 * the belief uses the *new* `m_t` as the paper and the official PyTorch code; optax's `scale_by_belief` uses
 * `m_{t-1}`. Variables without a gradient keep their moments and step count.
 *
 * @throws RangeError naming `beta1`, `beta2` or `epsilon` when invalid.
 */
export function scaleByBelief({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-16 }: ScaleByBeliefOptions = {}): Transform<ScaleByBeliefState> {
  assertInRange('beta1', beta1, 0, 1);
  assertInRange('beta2', beta2, 0, 1);
  assertPositive('epsilon', epsilon);
  return {
    init: (params) => ({
      mu: mapTensors(params, (p) => tf.zerosLike(p)),
      nu: mapTensors(params, (p) => tf.zerosLike(p)),
      count: Object.fromEntries(Object.keys(params).map((name) => [name, 0])),
    }),
    update(updates, state) {
      const mu: TensorMap = { ...state.mu };
      const nu: TensorMap = { ...state.nu };
      const count = { ...state.count };
      const out: TensorMap = {};
      for (const [name, g] of Object.entries(updates)) {
        const m = tf.add(tf.mul(stateEntry(state.mu, name, 'scaleByBelief'), beta1), tf.mul(g, 1 - beta1));
        const residual = tf.sub(g, m);
        const s = tf.add(tf.add(tf.mul(stateEntry(state.nu, name, 'scaleByBelief'), beta2), tf.mul(tf.square(residual), 1 - beta2)), epsilon);
        const t = (state.count[name] ?? 0) + 1;
        const mHat = tf.div(m, 1 - beta1 ** t);
        out[name] = tf.div(mHat, tf.add(tf.sqrt(tf.div(s, 1 - beta2 ** t)), epsilon));
        mu[name] = m;
        nu[name] = s;
        count[name] = t;
      }
      return { updates: out, state: { mu, nu, count } };
    },
  };
}
