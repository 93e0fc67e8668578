import { chain, type ScheduleLike } from '@nnopt/core';
import { addL2Gradient } from './add-l2-gradient';
import { namedOptimizer } from './named-optimizer';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { scaleByRadam } from './scale-by-radam';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link radam} (`torch.optim.RAdam`'s arguments). */
export interface RadamOptions {
  /** Step size (number or schedule). Default 1e-3. */
  learningRate?: ScheduleLike;
  /** First-moment decay (number or schedule). Default 0.9. */
  beta1?: ScheduleLike;
  /** Second-moment decay. Default 0.999. */
  beta2?: number;
  /** Default 1e-8. */
  epsilon?: number;
  /** Coupled L2 weight decay (number or schedule). Default 0. */
  weightDecay?: ScheduleLike;
}

/**
 * `torch.optim.RAdam` (Liu et al. 2020, https://arxiv.org/abs/1908.03265): Adam with the variance rectification
 * `r_t`, falling back to bias-corrected momentum SGD while `rho_t <= 5` (see `scaleByRadam`). Chain:
 * `addL2Gradient`, `scaleByRadam`, `scaleByLearningRate`.
 *
 * Defaults `learningRate = 1e-3`, `beta1 = 0.9`, `beta2 = 0.999`, `epsilon = 1e-8`, `weightDecay = 0`. tfjs has no RAdam.
 *
 * @throws RangeError naming the option.
 */
export function radam(options: RadamOptions = {}): TransformOptimizer {
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0 } = options;
  return namedOptimizer('radam', radam, { learningRate, beta1, beta2, epsilon, weightDecay }, { learningRate, beta1, weightDecay }, (h) =>
    chain(addL2Gradient(h.weightDecay), scaleByRadam({ beta1: h.beta1, beta2, epsilon }), scaleByLearningRate(h.learningRate)),
  );
}
