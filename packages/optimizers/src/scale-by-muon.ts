import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertInteger, assertOption, assertPositive, mapTensors, type TensorMap, type Transform } from '@nnopt/core';
import { stateEntry } from './state-entry';

/** Options of {@link scaleByMuon}. */
export interface ScaleByMuonOptions {
  /** Momentum decay `beta` (an exponential moving average). Default 0.95. */
  beta?: number;
  /** Nesterov momentum: orthogonalize `beta m_t + (1 - beta) g_t` instead of `m_t`. Default true. */
  nesterov?: boolean;
  /** Newton-Schulz iterations. Default 5. */
  nsSteps?: number;
  /** Coefficients `(a, b, c)` of the quintic iteration. Default (3.4445, -4.7750, 2.0315) (Keller Jordan's). */
  nsCoeffs?: readonly [number, number, number];
  /** Added to the Frobenius norm before the first iteration. Default 1e-8. */
  epsilon?: number;
}

/** State of {@link scaleByMuon}: the momentum per matrix. */
export type ScaleByMuonState = { readonly mu: TensorMap };

/**
 * Approximately orthogonalizes a matrix (`U V^T` of its SVD) with the quintic Newton-Schulz iteration of Muon, as
 * optax `orthogonalize_via_newton_schulz`: `X <- G / (||G||_F + epsilon)` (transposed so rows <= columns), then
 * `nsSteps` times `A = X X^T`, `X <- a X + (b A + c A A) X`.
 */
export function newtonSchulz(g: tf.Tensor2D, [a, b, c]: readonly [number, number, number], steps: number, epsilon: number): tf.Tensor2D {
  return tf.tidy(() => {
    const transposed = g.shape[0] > g.shape[1];
    let x: tf.Tensor2D = transposed ? tf.transpose(g) : g;
    x = tf.div(x, tf.add(tf.sqrt(tf.sum(tf.square(x))), epsilon));
    for (let i = 0; i < steps; i++) {
      const gram = tf.matMul(x, x, false, true);
      const poly = tf.add(tf.mul(gram, b), tf.mul(tf.matMul(gram, gram), c));
      x = tf.add(tf.mul(x, a), tf.matMul(poly, x));
    }
    return transposed ? tf.transpose(x) : x;
  });
}

/**
 * Muon's update for matrices (Keller Jordan 2024, "Muon: An optimizer for hidden layers in neural networks",
 * https://kellerjordan.github.io/posts/muon/), as optax `scale_by_muon`:
 *
 * `m_t = beta m_{t-1} + (1 - beta) g_t`, `d = beta m_t + (1 - beta) g_t` (Nesterov) or `m_t`,
 * `u = NewtonSchulz(d) * sqrt(max(1, cols / rows))`
 *
 * For tfjs' `[in, out]` kernels `cols / rows` is `out / in` (PyTorch's `[out, in]` code scales by `rows / cols`:
 * the same factor). Only rank-2 variables are allowed: route the others elsewhere with `partition` (the `muon`
 * optimizer sends them to Adam). Defaults: `beta = 0.95`, `nesterov = true`, `nsSteps = 5`,
 * `nsCoeffs = (3.4445, -4.7750, 2.0315)`, `epsilon = 1e-8`. Variables without a gradient keep their momentum.
 *
 * @throws RangeError naming the option when invalid; `update` throws an `Error` naming a variable whose rank is not 2.
 */
export function scaleByMuon({
  beta = 0.95,
  nesterov = true,
  nsSteps = 5,
  nsCoeffs = [3.4445, -4.775, 2.0315],
  epsilon = 1e-8,
}: ScaleByMuonOptions = {}): Transform<ScaleByMuonState> {
  assertInRange('beta', beta, 0, 1);
  assertOption(typeof nesterov === 'boolean', 'nesterov', nesterov, 'a boolean');
  assertInteger('nsSteps', nsSteps, 1);
  assertOption(Array.isArray(nsCoeffs) && nsCoeffs.length === 3 && nsCoeffs.every(Number.isFinite), 'nsCoeffs', nsCoeffs, 'three finite numbers');
  assertPositive('epsilon', epsilon);
  const checkRank = (p: tf.Tensor, name: string) => {
    if (p.rank !== 2) throw new Error(`scaleByMuon: variable '${name}' has rank ${p.rank}; Muon applies to matrices only (route it with partition)`);
  };
  return {
    init: (params) => ({ mu: mapTensors(params, (p, name) => (checkRank(p, name), tf.zerosLike(p))) }),
    update(updates, state) {
      const mu: TensorMap = { ...state.mu };
      const out: TensorMap = {};
      for (const [name, g] of Object.entries(updates)) {
        checkRank(g, name);
        const m = tf.add(tf.mul(stateEntry(state.mu, name, 'scaleByMuon'), beta), tf.mul(g, 1 - beta));
        const direction = nesterov ? tf.add(tf.mul(m, beta), tf.mul(g, 1 - beta)) : m;
        const [rows, cols] = g.shape as [number, number];
        out[name] = tf.mul(newtonSchulz(direction as tf.Tensor2D, nsCoeffs, nsSteps, epsilon), Math.sqrt(Math.max(1, cols / rows)));
        mu[name] = m;
      }
      return { updates: out, state: { mu } };
    },
  };
}
