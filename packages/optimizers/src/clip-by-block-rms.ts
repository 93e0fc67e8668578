import * as tf from '@tensorflow/tfjs-core';
import { assertPositive, mapTensors, type Transform } from '@nnopt/core';

/** Options of {@link clipByBlockRms}. */
export interface ClipByBlockRmsOptions {
  /** Largest allowed root mean square `d` of each update tensor. Default 1 (Adafactor's). */
  threshold?: number;
}

/**
 * Adafactor's update clipping (Shazeer & Stern 2018, https://arxiv.org/abs/1804.04235, section 5), per tensor, as
 * optax `clip_by_block_rms`:
 *
 * `u <- u / max(1, RMS(u) / threshold)`, `RMS(u) = sqrt(mean(u^2))`
 *
 * Default `threshold = 1`. Stateless.
 *
 * @throws RangeError naming `threshold` when not a finite number > 0.
 */
export function clipByBlockRms({ threshold = 1 }: ClipByBlockRmsOptions = {}): Transform<Record<string, never>> {
  assertPositive('threshold', threshold);
  return {
    init: () => ({}),
    update: (updates) => ({
      updates: mapTensors(updates, (u) => tf.div(u, tf.maximum(tf.div(rms(u), threshold), 1))),
      state: {},
    }),
  };
}

/** `sqrt(mean(x^2))` over the whole tensor. Internal to the package. */
export function rms(x: tf.Tensor): tf.Scalar {
  return tf.sqrt(tf.mean(tf.square(x))) as tf.Scalar;
}
