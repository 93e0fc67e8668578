import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, mapTensors, type Transform } from '@nnopt/core';
import { clipCoefficient, type ClipByNormOptions } from './clip-by-norm';
import { assertNormType, pNorm } from './p-norm';

/**
 * Rescales all updates together so their joint norm is at most `maxNorm`, as `torch.nn.utils.clip_grad_norm_`
 * (optax `clip_by_global_norm`):
 *
 * `N = ||(||g_1||_p, ..., ||g_n||_p)||_p`, `u_k <- g_k * min(1, maxNorm / (N + 1e-6))`
 *
 * Options: `maxNorm` (required), `normType` (default 2, any `p > 0` or `Infinity`). The norm covers the tensors
 * of this step's updates (a variable without a gradient does not count, as in torch). Computed on the device:
 * no sync, so torch's `error_if_nonfinite` is not offered; a NaN/Inf norm makes every update NaN (wrap the chain
 * in `applyIfFinite` to skip such steps). The `1e-6` is torch's; optax has none. Stateless.
 *
 * @throws RangeError naming `maxNorm` or `normType` when invalid.
 */
export function clipByGlobalNorm({ maxNorm, normType = 2 }: ClipByNormOptions): Transform<Record<string, never>> {
  assertNonNegative('maxNorm', maxNorm);
  assertNormType('normType', normType);
  return {
    init: () => ({}),
    update(updates) {
      const norms = Object.values(updates).map((g) => tf.reshape(pNorm(g, normType), [1]));
      if (norms.length === 0) return { updates: {}, state: {} };
      const coefficient = clipCoefficient(pNorm(tf.concat(norms), normType), maxNorm);
      return { updates: mapTensors(updates, (g) => tf.mul(g, coefficient)), state: {} };
    },
  };
}
