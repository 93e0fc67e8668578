import { chain, type ScheduleLike } from '@nnopt/core';
import { addDecayedWeights } from './add-decayed-weights';
import { namedOptimizer } from './named-optimizer';
import { scaleByAdam } from './scale-by-adam';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { scaleByTrustRatio } from './scale-by-trust-ratio';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link lamb}. */
export interface LambOptions {
  /** Step size (number or schedule). Default 1e-3. */
  learningRate?: ScheduleLike;
  /** First-moment decay. Default 0.9. */
  beta1?: number;
  /** Second-moment decay. Default 0.999. */
  beta2?: number;
  /** Added outside the square root, after bias correction. Default 1e-6 (the paper's and optax's). */
  epsilon?: number;
  /** Decoupled weight decay (number or schedule), inside the trust ratio. Default 0. */
  weightDecay?: ScheduleLike;
}

/**
 * LAMB (You et al. 2019, "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes",
 * https://arxiv.org/abs/1904.00962), as optax `lamb`, per variable:
 *
 * `r = m̂ / (sqrt(v̂) + epsilon) + weightDecay p`, `p <- p - lr (||p|| / ||r||) r` (ratio 1 where a norm is 0)
 *
 * with Adam's bias-corrected moments (`scaleByAdam`, per-variable step counts). Chain: `scaleByAdam`,
 * `addDecayedWeights`, `scaleByTrustRatio`, `scaleByLearningRate`. Defaults `learningRate = 1e-3`, `beta1 = 0.9`,
 * `beta2 = 0.999`, `epsilon = 1e-6`, `weightDecay = 0`. The paper's norm-scaling function `phi` is the identity.
 * To exempt biases from decay and the ratio, build the chain yourself and route the biases with `partition`.
 * Not in PyTorch 1.13 or tfjs: checked against a float64 reference written from the paper.
 *
 * @throws RangeError naming the option when invalid.
 */
export function lamb(options: LambOptions = {}): TransformOptimizer {
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-6, weightDecay = 0 } = options;
  return namedOptimizer('lamb', lamb, { learningRate, beta1, beta2, epsilon, weightDecay }, { learningRate, weightDecay }, (h) =>
    chain(scaleByAdam({ beta1, beta2, epsilon }), addDecayedWeights(h.weightDecay), scaleByTrustRatio(), scaleByLearningRate(h.learningRate)),
  );
}
