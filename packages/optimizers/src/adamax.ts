import { chain, type ScheduleLike } from '@nnopt/core';
import { addL2Gradient } from './add-l2-gradient';
import { namedOptimizer } from './named-optimizer';
import { scaleByAdamax } from './scale-by-adamax';
import { scaleByLearningRate } from './scale-by-learning-rate';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link adamax} (`torch.optim.Adamax`'s arguments). */
export interface AdamaxOptions {
  /** Step size (number or schedule). Default 2e-3. */
  learningRate?: ScheduleLike;
  /** First-moment decay (number or schedule). Default 0.9. */
  beta1?: ScheduleLike;
  /** Infinity-norm decay. Default 0.999. */
  beta2?: number;
  /** Default 1e-8, added to `|g|` inside the max. */
  epsilon?: number;
  /** Coupled L2 weight decay (number or schedule). Default 0. */
  weightDecay?: ScheduleLike;
}

/**
 * `torch.optim.Adamax` (Kingma & Ba 2015, section 7): `g <- g + weightDecay * p`, `m <- beta1 m + (1 - beta1) g`,
 * `u <- max(beta2 u, |g| + epsilon)`, `p <- p - lr / (1 - beta1^t) * m / u`. Chain: `addL2Gradient`,
 * `scaleByAdamax`, `scaleByLearningRate`.
 *
 * Defaults `learningRate = 2e-3`, `beta1 = 0.9`, `beta2 = 0.999`, `epsilon = 1e-8`, `weightDecay = 0`.
 * tfjs' `tf.train.adamax` differs: `u <- max(beta2 u, |g|)`, `p -= lr/(1-beta1^t) * m / (u + epsilon)`, and it
 * has a `decay` option instead of weight decay.
 *
 * @throws RangeError naming the option (`learningRate`, `weightDecay` < 0; betas outside [0, 1); `epsilon` <= 0).
 */
export function adamax(options: AdamaxOptions = {}): TransformOptimizer {
  const { learningRate = 2e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0 } = options;
  return namedOptimizer('adamax', adamax, { learningRate, beta1, beta2, epsilon, weightDecay }, { learningRate, beta1, weightDecay }, (h) =>
    chain(addL2Gradient(h.weightDecay), scaleByAdamax({ beta1: h.beta1, beta2, epsilon }), scaleByLearningRate(h.learningRate)),
  );
}
