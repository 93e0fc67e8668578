import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, mapTensors, type Transform } from '@nnopt/core';

/** Options of {@link clipByValue}. */
export interface ClipByValueOptions {
  /** Bound `c` of the clip interval `[-c, c]` (torch's `clip_value`). Required, `>= 0`. */
  clipValue: number;
}

/**
 * Clips every update elementwise into `[-clipValue, clipValue]`, as `torch.nn.utils.clip_grad_value_` (optax
 * `clip`):
 *
 * `u_i <- min(max(g_i, -c), c)`
 *
 * Stateless. Put it at the head of a chain to clip raw gradients. NaN passes through (as in torch).
 *
 * @throws RangeError naming `clipValue` when it is negative or not finite.
 */
export function clipByValue({ clipValue }: ClipByValueOptions): Transform<Record<string, never>> {
  assertNonNegative('clipValue', clipValue);
  return {
    init: () => ({}),
    update: (updates) => ({ updates: mapTensors(updates, (g) => tf.clipByValue(g, -clipValue, clipValue)), state: {} }),
  };
}
