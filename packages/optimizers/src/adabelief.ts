import { chain, type ScheduleLike } from '@nnopt/core';
import { addDecayedWeights } from './add-decayed-weights';
import { namedOptimizer } from './named-optimizer';
import { scaleByBelief } from './scale-by-belief';
import { scaleByLearningRate } from './scale-by-learning-rate';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link adabelief}. */
export interface AdaBeliefOptions {
  /** Step size (number or schedule). Default 1e-3. */
  learningRate?: ScheduleLike;
  /** First-moment decay. Default 0.9. */
  beta1?: number;
  /** Belief decay. Default 0.999. */
  beta2?: number;
  /** Added inside the belief each step and to the denominator. Default 1e-16 (the paper's). */
  epsilon?: number;
  /** Decoupled weight decay (number or schedule), as AdamW. Default 0. */
  weightDecay?: ScheduleLike;
}

/**
 * AdaBelief (Zhuang et al. 2020, https://arxiv.org/abs/2010.07468): Adam with the second moment replaced by the
 * "belief" `s_t = beta2 s_{t-1} + (1 - beta2)(g_t - m_t)^2 + epsilon`;
 * `p <- p - lr (m̂_t / (sqrt(ŝ_t) + epsilon) + weightDecay p)`. See `scaleByBelief` for the exact rule.
 *
 * Chain: `scaleByBelief`, `addDecayedWeights`, `scaleByLearningRate`. Defaults `learningRate = 1e-3`,
 * `beta1 = 0.9`, `beta2 = 0.999`, `epsilon = 1e-16`, `weightDecay = 0` (decoupled, adabelief-pytorch's
 * `weight_decouple=True`; its `rectify` variant is not offered). Not in PyTorch 1.13 or tfjs: checked against a
 * float64 reference written from the paper.
 *
 * @throws RangeError naming the option when invalid.
 */
export function adabelief(options: AdaBeliefOptions = {}): TransformOptimizer {
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-16, weightDecay = 0 } = options;
  return namedOptimizer('adabelief', adabelief, { learningRate, beta1, beta2, epsilon, weightDecay }, { learningRate, weightDecay }, (h) =>
    chain(scaleByBelief({ beta1, beta2, epsilon }), addDecayedWeights(h.weightDecay), scaleByLearningRate(h.learningRate)),
  );
}
