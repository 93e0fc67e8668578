import { chain, type ScheduleLike } from '@nnopt/core';
import { addL2Gradient } from './add-l2-gradient';
import { namedOptimizer } from './named-optimizer';
import { scaleByAdadelta } from './scale-by-adadelta';
import { scaleByLearningRate } from './scale-by-learning-rate';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link adadelta} (`torch.optim.Adadelta`'s arguments). */
export interface AdadeltaOptions {
  /** Scale of the delta (number or schedule). Default 1. */
  learningRate?: ScheduleLike;
  /** Decay of the running averages. Default 0.9. */
  rho?: number;
  /** Default 1e-6, inside both square roots. */
  epsilon?: number;
  /** Coupled L2 weight decay (number or schedule). Default 0. */
  weightDecay?: ScheduleLike;
}

/**
 * `torch.optim.Adadelta` (Zeiler 2012, https://arxiv.org/abs/1212.5701): `g <- g + weightDecay * p`, then
 * `p <- p - lr * sqrt(E[Δ²] + epsilon) / sqrt(E[g²] + epsilon) * g` (see `scaleByAdadelta`). Chain:
 * `addL2Gradient`, `scaleByAdadelta`, `scaleByLearningRate`.
 *
 * Defaults `learningRate = 1`, `rho = 0.9`, `epsilon = 1e-6`, `weightDecay = 0`. tfjs' `tf.train.adadelta` uses
 * `learningRate = 0.001`, `rho = 0.95` and the backend epsilon by default.
 *
 * @throws RangeError naming the option (`learningRate`, `weightDecay` < 0; `rho` outside [0, 1]; `epsilon` <= 0).
 */
export function adadelta(options: AdadeltaOptions = {}): TransformOptimizer {
  const { learningRate = 1, rho = 0.9, epsilon = 1e-6, weightDecay = 0 } = options;
  return namedOptimizer('adadelta', adadelta, { learningRate, rho, epsilon, weightDecay }, { learningRate, weightDecay }, (h) =>
    chain(addL2Gradient(h.weightDecay), scaleByAdadelta({ rho, epsilon }), scaleByLearningRate(h.learningRate)),
  );
}
