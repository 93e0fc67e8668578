import { chain, type ScheduleLike } from '@nnopt/core';
import { addL2Gradient } from './add-l2-gradient';
import { namedOptimizer } from './named-optimizer';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { scaleByNadam } from './scale-by-nadam';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link nadam} (`torch.optim.NAdam`'s arguments). */
export interface NadamOptions {
  /** Step size (number or schedule). Default 2e-3. */
  learningRate?: ScheduleLike;
  /** First-moment decay (number or schedule). Default 0.9. */
  beta1?: ScheduleLike;
  /** Second-moment decay. Default 0.999. */
  beta2?: number;
  /** Default 1e-8. */
  epsilon?: number;
  /** Coupled L2 weight decay (number or schedule). Default 0. */
  weightDecay?: ScheduleLike;
  /** Momentum schedule decay. Default 4e-3. */
  momentumDecay?: number;
}

/**
 * `torch.optim.NAdam` of PyTorch 1.13 (Dozat 2016): Adam with Nesterov momentum and a momentum schedule
 * `mu_t = beta1 (1 - 0.5 * 0.96^(t momentumDecay))` (see `scaleByNadam` for the exact rule and a 1.13 quirk).
 * Chain: `addL2Gradient`, `scaleByNadam`, `scaleByLearningRate`.
 *
 * Defaults `learningRate = 2e-3`, `beta1 = 0.9`, `beta2 = 0.999`, `epsilon = 1e-8`, `weightDecay = 0`,
 * `momentumDecay = 4e-3`. tfjs has no NAdam.
 *
 * @throws RangeError naming the option.
 */
export function nadam(options: NadamOptions = {}): TransformOptimizer {
  const { learningRate = 2e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0, momentumDecay = 4e-3 } = options;
  return namedOptimizer('nadam', nadam, { learningRate, beta1, beta2, epsilon, weightDecay, momentumDecay }, { learningRate, beta1, weightDecay }, (h) =>
    chain(addL2Gradient(h.weightDecay), scaleByNadam({ beta1: h.beta1, beta2, epsilon, momentumDecay }), scaleByLearningRate(h.learningRate)),
  );
}
