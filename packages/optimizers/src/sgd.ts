import { assertOption, chain, type ScheduleLike, type Transform } from '@nnopt/core';
import { addL2Gradient } from './add-l2-gradient';
import { fusedSgd } from './fused/fused-sgd';
import { namedOptimizer } from './named-optimizer';
import { scaleByLearningRate } from './scale-by-learning-rate';
import type { TransformOptimizer } from './to-optimizer';
import { trace } from './trace';

/** Options of {@link sgd} (`torch.optim.SGD`'s arguments). */
export interface SgdOptions {
  /** Step size, a number or a schedule. Required, as in PyTorch. */
  learningRate: ScheduleLike;
  /** Momentum factor (number or schedule). Default 0 (no momentum buffer). */
  momentum?: ScheduleLike;
  /** Dampening of the gradient in the momentum buffer. Default 0. */
  dampening?: number;
  /** Nesterov momentum. Default false. */
  nesterov?: boolean;
  /** Coupled L2 weight decay (number or schedule). Default 0. */
  weightDecay?: ScheduleLike;
  /**
   * One-pass fused step on the cpu and wasm backends (PyTorch's `fused`; same numbers and state as the composed
   * chain, which other backends and `fused: false` run). Default true.
   */
  fused?: boolean;
}

/**
 * `torch.optim.SGD`: `g <- g + weightDecay * p`; with momentum `b_1 = g`, `b_t = momentum b_{t-1} + (1 - dampening) g`,
 * `d = g + momentum b_t` (Nesterov) or `d = b_t`; without momentum `d = g`; `p <- p - lr * d`.
 * Chain: `addL2Gradient`, `trace` (when momentum is non-zero or scheduled), `scaleByLearningRate`.
 *
 * Defaults: `momentum = 0`, `dampening = 0`, `nesterov = false`, `weightDecay = 0`; `learningRate` is required.
 * tfjs differs: `tf.train.sgd` has no momentum or weight decay, and `tf.train.momentum` starts its buffer at 0
 * with `b_t = momentum b_{t-1} + g` and a different Nesterov form.
 *
 * @throws RangeError naming `learningRate` (missing or < 0), `momentum`, `dampening`, `weightDecay` (< 0) or
 *   `nesterov` (without momentum or with dampening).
 */
export function sgd(options: SgdOptions): TransformOptimizer {
  const { learningRate, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0, fused = true } = options ?? ({} as SgdOptions);
  assertOption(learningRate !== undefined, 'learningRate', learningRate, 'given (torch.optim.SGD has no default)');
  const withMomentum = typeof momentum === 'function' || momentum !== 0;
  assertOption(!nesterov || withMomentum, 'nesterov', nesterov, 'false unless momentum > 0 and dampening = 0');
  return namedOptimizer('sgd', sgd, { learningRate, momentum, dampening, nesterov, weightDecay, fused }, { learningRate, momentum, weightDecay }, (h) => {
    const momentumStage: Transform[] = withMomentum ? [trace({ momentum: h.momentum, dampening, nesterov })] : [];
    return chain(addL2Gradient(h.weightDecay), ...momentumStage, scaleByLearningRate(h.learningRate));
  }, fusedSgd({ withMomentum, dampening, nesterov }));
}
