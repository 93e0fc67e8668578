import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, type TensorMap, type Transform } from '@nnopt/core';
import { rms } from './clip-by-block-rms';
import { stateEntry } from './state-entry';

/** Options of {@link scaleByParamBlockRms}. */
export interface ScaleByParamBlockRmsOptions {
  /** Floor `epsilon_2` on the parameter scale. Default 1e-3 (Adafactor's). */
  minScale?: number;
}

/**
 * Adafactor's relative step size (Shazeer & Stern 2018, https://arxiv.org/abs/1804.04235, section 8), per
 * tensor, as optax `scale_by_param_block_rms`:
 *
 * `u <- u * max(RMS(p), minScale)`, `RMS(p) = sqrt(mean(p^2))`
 *
 * Default `minScale = 1e-3`. Stateless.
 *
 * @throws RangeError naming `minScale` when negative.
 */
export function scaleByParamBlockRms({ minScale = 1e-3 }: ScaleByParamBlockRmsOptions = {}): Transform<Record<string, never>> {
  assertNonNegative('minScale', minScale);
  return {
    init: () => ({}),
    update(updates, _state, params) {
      const out: TensorMap = {};
      for (const [name, u] of Object.entries(updates)) {
        out[name] = tf.mul(u, tf.maximum(rms(stateEntry(params, name, 'scaleByParamBlockRms params')), minScale));
      }
      return { updates: out, state: {} };
    },
  };
}
