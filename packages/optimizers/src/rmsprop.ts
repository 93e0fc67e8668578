import { chain, type ScheduleLike, type Transform } from '@nnopt/core';
import { addL2Gradient } from './add-l2-gradient';
import { fusedRmsprop } from './fused/fused-rmsprop';
import { namedOptimizer } from './named-optimizer';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { scaleByRms } from './scale-by-rms';
import { scaleByStddev } from './scale-by-stddev';
import type { TransformOptimizer } from './to-optimizer';
import { trace } from './trace';

/** Options of {@link rmsprop} (`torch.optim.RMSprop`'s arguments). */
export interface RmspropOptions {
  /** Step size (number or schedule). Default 1e-2. */
  learningRate?: ScheduleLike;
  /** Smoothing constant. Default 0.99. */
  alpha?: number;
  /** Default 1e-8, added outside the square root. */
  epsilon?: number;
  /** Coupled L2 weight decay (number or schedule). Default 0. */
  weightDecay?: ScheduleLike;
  /** Momentum (number or schedule). Default 0 (no buffer). */
  momentum?: ScheduleLike;
  /** Normalize by the estimated variance instead of the mean square. Default false. */
  centered?: boolean;
  /**
   * One-pass fused step on the cpu and wasm backends (PyTorch's `fused`; same numbers and state as the composed
   * chain, which other backends and `fused: false` run). Default true.
   */
  fused?: boolean;
}

/**
 * `torch.optim.RMSprop`: `g <- g + weightDecay * p`, `v <- alpha v + (1 - alpha) g^2`,
 * `d = g / (sqrt(v) + epsilon)` (centered: `sqrt(v - m^2)`), with momentum `b <- momentum b + d`, `p <- p - lr b`,
 * else `p <- p - lr d`. Chain: `addL2Gradient`, `scaleByRms` or `scaleByStddev`, `trace` (momentum), `scaleByLearningRate`.
 *
 * Defaults `learningRate = 1e-2`, `alpha = 0.99`, `epsilon = 1e-8`, `weightDecay = 0`, `momentum = 0`, `centered = false`.
 * tfjs' `tf.train.rmsprop` differs: `decay = 0.9`, no default learning rate, epsilon inside the square root
 * (`sqrt(v + epsilon)`), and its momentum multiplies the learning rate into the buffer.
 *
 * @throws RangeError naming the option (`learningRate`, `alpha`, `weightDecay`, `momentum` < 0; `epsilon` <= 0).
 */
export function rmsprop(options: RmspropOptions = {}): TransformOptimizer {
  const { learningRate = 1e-2, alpha = 0.99, epsilon = 1e-8, weightDecay = 0, momentum = 0, centered = false, fused = true } = options;
  const withMomentum = typeof momentum === 'function' || momentum !== 0;
  return namedOptimizer('rmsprop', rmsprop, { learningRate, alpha, epsilon, weightDecay, momentum, centered, fused }, { learningRate, weightDecay, momentum }, (h) => {
    const momentumStage: Transform[] = withMomentum ? [trace({ momentum: h.momentum })] : [];
    const precondition = centered ? scaleByStddev({ alpha, epsilon }) : scaleByRms({ alpha, epsilon });
    return chain(addL2Gradient(h.weightDecay), precondition, ...momentumStage, scaleByLearningRate(h.learningRate));
  }, fusedRmsprop({ alpha, epsilon, centered, withMomentum }));
}
