import * as tf from '@tensorflow/tfjs-core';
import { assertOption, mapTensors, type Transform } from '@nnopt/core';

/** Options of {@link centralize}. */
export interface CentralizeOptions {
  /**
   * The output-feature axis, which is kept; the mean is taken over all other axes. Default -1, the last axis, where
   * tfjs keeps output features (Dense `[in, out]`, Conv2D `[h, w, in, out]`). Use 0 for PyTorch-layout weights
   * (`[out, in, ...]`), as the paper's code does.
   */
  axis?: number;
}

/**
 * Gradient Centralization (Yong et al. 2020, https://arxiv.org/abs/2004.01461): removes from each gradient of rank
 * >= 2 its mean over every axis but the output-feature axis, so each output unit's gradient sums to zero:
 *
 * `u <- g - mean_{all axes but axis}(g)`
 *
 * Tensors of rank 0 or 1 (biases, norms) pass unchanged. Default `axis = -1` (tfjs layout). Stateless.
 *
 * @throws RangeError naming `axis` when it is not an integer.
 */
export function centralize({ axis = -1 }: CentralizeOptions = {}): Transform<Record<string, never>> {
  assertOption(Number.isInteger(axis), 'axis', axis, 'an integer');
  return {
    init: () => ({}),
    update: (updates) => ({
      updates: mapTensors(updates, (g, name) => {
        if (g.rank < 2) return g;
        const keep = axis < 0 ? g.rank + axis : axis;
        if (keep < 0 || keep >= g.rank) throw new RangeError(`axis ${axis} is out of range for '${name}' of rank ${g.rank}`);
        const axes = g.shape.map((_, i) => i).filter((i) => i !== keep);
        return tf.sub(g, tf.mean(g, axes, true));
      }),
      state: {},
    }),
  };
}
