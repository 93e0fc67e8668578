import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, mapTensors, type TensorMap, type Transform } from '@nnopt/core';
import { stateEntry } from './state-entry';

/** Options of {@link scaleByLion}. */
export interface ScaleByLionOptions {
  /** Interpolation factor of the update direction. Default 0.9, in `[0, 1)`. */
  beta1?: number;
  /** Decay of the momentum buffer. Default 0.99, in `[0, 1)`. */
  beta2?: number;
}

/** State of {@link scaleByLion}: the momentum `m` per variable. */
export type ScaleByLionState = { readonly mu: TensorMap };

/**
 * Lion's sign update (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms",
 * https://arxiv.org/abs/2302.06675), as optax `scale_by_lion`:
 *
 * `u_t = sign(beta1 * m_{t-1} + (1 - beta1) * g_t)`, `m_t = beta2 * m_{t-1} + (1 - beta2) * g_t`
 *
 * Defaults `beta1 = 0.9`, `beta2 = 0.99`; `m_0 = 0`. `sign(0) = 0`. Variables without a gradient keep their `m`.
 *
 * @throws RangeError naming `beta1`/`beta2` when outside `[0, 1)`.
 */
export function scaleByLion({ beta1 = 0.9, beta2 = 0.99 }: ScaleByLionOptions = {}): Transform<ScaleByLionState> {
  assertInRange('beta1', beta1, 0, 1);
  assertInRange('beta2', beta2, 0, 1);
  return {
    init: (params) => ({ mu: mapTensors(params, (p) => tf.zerosLike(p)) }),
    update(updates, state) {
      const mu: TensorMap = { ...state.mu };
      const out: TensorMap = {};
      for (const [name, g] of Object.entries(updates)) {
        const m = stateEntry(state.mu, name, 'scaleByLion');
        out[name] = tf.sign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        mu[name] = tf.add(tf.mul(m, beta2), tf.mul(g, 1 - beta2));
      }
      return { updates: out, state: { mu } };
    },
  };
}
