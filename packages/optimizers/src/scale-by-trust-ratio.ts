import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, assertPositive, type TensorMap, type Transform } from '@nnopt/core';
import { stateEntry } from './state-entry';

/** Options of {@link scaleByTrustRatio}. */
export interface ScaleByTrustRatioOptions {
  /** Lower bound applied to both norms. Default 0. */
  minNorm?: number;
  /** Factor `eta` of the ratio (LARS' trust coefficient). Default 1 (LAMB); LARS uses 1e-3. */
  trustCoefficient?: number;
  /** Added to the update norm in the denominator. Default 0. */
  epsilon?: number;
}

/**
 * The layer-wise trust ratio of LARS (You et al. 2017, https://arxiv.org/abs/1708.03888) and LAMB (You et al.
 * 2019, https://arxiv.org/abs/1904.00962), as optax `scale_by_trust_ratio`, per variable:
 *
 * `r = trustCoefficient * max(||p||, minNorm) / (max(||u||, minNorm) + epsilon)`, `u <- r * u`
 *
 * with `r = 1` where either norm is 0 (fresh zero-initialized biases and zero updates pass unchanged). Norms are
 * Frobenius norms over the whole tensor. Stateless; computed on the device (no sync).
 *
 * @throws RangeError naming `minNorm`, `trustCoefficient` or `epsilon` when invalid.
 */
export function scaleByTrustRatio({ minNorm = 0, trustCoefficient = 1, epsilon = 0 }: ScaleByTrustRatioOptions = {}): Transform<Record<string, never>> {
  assertNonNegative('minNorm', minNorm);
  assertPositive('trustCoefficient', trustCoefficient);
  assertNonNegative('epsilon', epsilon);
  const norm = (x: tf.Tensor) => tf.maximum(tf.sqrt(tf.sum(tf.square(x))), minNorm);
  return {
    init: () => ({}),
    update(updates, _state, params) {
      const out: TensorMap = {};
      for (const [name, u] of Object.entries(updates)) {
        const paramNorm = norm(stateEntry(params, name, 'scaleByTrustRatio params'));
        const updateNorm = norm(u);
        const ratio = tf.div(tf.mul(paramNorm, trustCoefficient), tf.add(updateNorm, epsilon));
        const zero = tf.logicalOr(tf.equal(paramNorm, 0), tf.equal(updateNorm, 0));
        out[name] = tf.mul(u, tf.where(zero, tf.onesLike(ratio), ratio));
      }
      return { updates: out, state: {} };
    },
  };
}
