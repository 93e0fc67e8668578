import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, mapTensors, type Transform } from '@nnopt/core';
import { assertNormType, pNorm } from './p-norm';

/** Options of {@link clipByNorm} and {@link clipByGlobalNorm}. */
export interface ClipByNormOptions {
  /** Largest allowed norm (torch's `max_norm`). Required, `>= 0`. */
  maxNorm: number;
  /** Order `p` of the norm (torch's `norm_type`): any number `> 0` or `Infinity`. Default 2. */
  normType?: number;
}

/**
 * Rescales each update tensor on its own so its norm is at most `maxNorm`, with torch's formula (as calling
 * `torch.nn.utils.clip_grad_norm_` once per parameter):
 *
 * `u <- g * min(1, maxNorm / (||g||_p + 1e-6))`
 *
 * The `1e-6` is torch's; optax's `clip_by_block_rms`/`clip_by_global_norm` have none. The scale is computed on
 * the device (no sync). Stateless. See {@link clipByGlobalNorm} for one norm over all tensors.
 *
 * @throws RangeError naming `maxNorm` or `normType` when invalid.
 */
export function clipByNorm({ maxNorm, normType = 2 }: ClipByNormOptions): Transform<Record<string, never>> {
  assertNonNegative('maxNorm', maxNorm);
  assertNormType('normType', normType);
  return {
    init: () => ({}),
    update: (updates) => ({
      updates: mapTensors(updates, (g) => tf.mul(g, clipCoefficient(pNorm(g, normType), maxNorm))),
      state: {},
    }),
  };
}

/** torch's clip coefficient `min(1, maxNorm / (norm + 1e-6))`. Internal to the package. */
export function clipCoefficient(norm: tf.Scalar, maxNorm: number): tf.Scalar {
  return tf.minimum(tf.div(maxNorm, tf.add(norm, 1e-6)), 1);
}
