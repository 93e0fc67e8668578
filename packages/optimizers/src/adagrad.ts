import { chain, type ScheduleLike } from '@nnopt/core';
import { addL2Gradient } from './add-l2-gradient';
import { fusedAdagrad } from './fused/fused-adagrad';
import { namedOptimizer } from './named-optimizer';
import { scaleByAdagrad } from './scale-by-adagrad';
import { scaleByLearningRate } from './scale-by-learning-rate';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link adagrad} (`torch.optim.Adagrad`'s arguments). */
export interface AdagradOptions {
  /** Step size (number or schedule). Default 1e-2. */
  learningRate?: ScheduleLike;
  /** Learning-rate decay per step. Default 0. */
  lrDecay?: number;
  /** Coupled L2 weight decay (number or schedule). Default 0. */
  weightDecay?: ScheduleLike;
  /** Initial sum of squares. Default 0. */
  initialAccumulatorValue?: number;
  /** Default 1e-10. */
  epsilon?: number;
  /**
   * One-pass fused step on the cpu and wasm backends (PyTorch's `fused`; same numbers and state as the composed
   * chain, which other backends and `fused: false` run). Default true.
   */
  fused?: boolean;
}

/**
 * `torch.optim.Adagrad` (Duchi et al. 2011): `g <- g + weightDecay * p`, `s <- s + g^2`,
 * `p <- p - lr / (1 + (t - 1) lrDecay) * g / (sqrt(s) + epsilon)`. Chain: `addL2Gradient`, `scaleByAdagrad`,
 * `scaleByLearningRate`.
 *
 * Defaults `learningRate = 1e-2`, `lrDecay = 0`, `weightDecay = 0`, `initialAccumulatorValue = 0`, `epsilon = 1e-10`.
 * tfjs' `tf.train.adagrad` differs: `initialAccumulatorValue = 0.1`, `p -= lr g / sqrt(s + 1e-7 (backend epsilon))`,
 * no decay options.
 *
 * @throws RangeError naming the option (`learningRate`, `lrDecay`, `weightDecay`, `initialAccumulatorValue` < 0; `epsilon` <= 0).
 */
export function adagrad(options: AdagradOptions = {}): TransformOptimizer {
  const { learningRate = 1e-2, lrDecay = 0, weightDecay = 0, initialAccumulatorValue = 0, epsilon = 1e-10, fused = true } = options;
  return namedOptimizer('adagrad', adagrad, { learningRate, lrDecay, weightDecay, initialAccumulatorValue, epsilon, fused }, { learningRate, weightDecay }, (h) =>
    chain(addL2Gradient(h.weightDecay), scaleByAdagrad({ initialAccumulatorValue, epsilon, lrDecay }), scaleByLearningRate(h.learningRate)),
    fusedAdagrad({ epsilon, lrDecay }),
  );
}
