import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, foldIn, normal, prngKey, type PRNGKey, type TensorMap, type Transform } from '@nnopt/core';

/** Options of {@link addNoise}. */
export interface AddNoiseOptions {
  /** Base variance `eta`. Default 0.01. */
  eta?: number;
  /** Decay exponent `gamma` of the variance. Default 0.55 (the paper's). */
  gamma?: number;
  /** Seed (an integer) or a core `PRNGKey`. Required: the noise is reproducible by design. */
  seed: number | PRNGKey;
}

/** State of {@link addNoise}: the number of steps taken (a host number). */
export type AddNoiseState = { readonly count: number };

/** FNV-1a hash of a variable name to a uint32, so each variable's noise is independent of the others' order. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/**
 * Annealed Gaussian gradient noise (Neelakantan et al. 2015, "Adding Gradient Noise Improves Learning for Very Deep
 * Networks", https://arxiv.org/abs/1511.06807), as optax `add_noise`:
 *
 * `u_t = g_t + N(0, sigma_t^2)`, `sigma_t^2 = eta / (1 + t)^gamma`, `t = 0, 1, ...` the step count
 *
 * Defaults `eta = 0.01`, `gamma = 0.55`; `seed` is required. The noise of variable `name` at step `t` is
 * `normal(foldIn(foldIn(key, t), fnv1a(name)))` from core's host-side Threefry, so it is identical on every backend
 * and does not depend on which other variables have gradients. The count advances once per step.
 *
 * @throws RangeError naming `eta`, `gamma` or `seed` when invalid.
 */
export function addNoise({ eta = 0.01, gamma = 0.55, seed }: AddNoiseOptions): Transform<AddNoiseState> {
  assertNonNegative('eta', eta);
  assertNonNegative('gamma', gamma);
  const key: PRNGKey = typeof seed === 'number' ? prngKey(seed) : seed;
  return {
    init: () => ({ count: 0 }),
    update(updates, state) {
      const stepKey = foldIn(key, state.count);
      const stddev = Math.sqrt(eta / (1 + state.count) ** gamma);
      const out: TensorMap = {};
      for (const [name, g] of Object.entries(updates)) {
        out[name] = tf.add(g, normal(foldIn(stepKey, hashName(name)), g.shape, 0, stddev));
      }
      return { updates: out, state: { count: state.count + 1 } };
    },
  };
}
