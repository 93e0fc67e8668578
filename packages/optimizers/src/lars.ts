import { assertOption, chain, type ScheduleLike } from '@nnopt/core';
import { addDecayedWeights } from './add-decayed-weights';
import { namedOptimizer } from './named-optimizer';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { scaleByTrustRatio } from './scale-by-trust-ratio';
import type { TransformOptimizer } from './to-optimizer';
import { trace } from './trace';

/** Options of {@link lars}. */
export interface LarsOptions {
  /** Global step size (number or schedule). Required (no default in the paper or optax). */
  learningRate: ScheduleLike;
  /** L2 weight decay `beta`, added to the gradient before the trust ratio (number or schedule). Default 0. */
  weightDecay?: ScheduleLike;
  /** Trust coefficient `eta`. Default 1e-3 (the paper's and optax's). */
  trustCoefficient?: number;
  /** Added to the update norm. Default 0. */
  epsilon?: number;
  /** Momentum (number or schedule). Default 0.9. */
  momentum?: ScheduleLike;
  /** Nesterov momentum. Default false. */
  nesterov?: boolean;
}

/**
 * LARS (You et al. 2017, "Large Batch Training of Convolutional Networks", https://arxiv.org/abs/1708.03888), as
 * optax `lars`, per variable:
 *
 * `d = g + weightDecay p`, `s = lr * eta ||p|| / (||d|| + epsilon) * d` (ratio 1 where a norm is 0),
 * `b <- momentum b + s`, `p <- p - b` (Nesterov: `p <- p - (s + momentum b)`)
 *
 * Chain: `addDecayedWeights`, `scaleByTrustRatio`, `scaleByLearningRate`, `trace` — the learning rate enters the
 * momentum buffer (optax's order; the paper's Algorithm 1 too). Defaults `weightDecay = 0`,
 * `trustCoefficient = 1e-3`, `epsilon = 0`, `momentum = 0.9`, `nesterov = false`; `learningRate` is required. To
 * exempt biases and norms (as the paper does), use `partition`. Not in PyTorch 1.13 or tfjs: checked against a
 * float64 reference written from the paper.
 *
 * @throws RangeError naming the option when invalid (e.g. `learningRate` missing, `nesterov` without momentum).
 */
export function lars(options: LarsOptions): TransformOptimizer {
  const { learningRate, weightDecay = 0, trustCoefficient = 1e-3, epsilon = 0, momentum = 0.9, nesterov = false } = options ?? ({} as LarsOptions);
  assertOption(learningRate !== undefined, 'learningRate', learningRate, 'given (LARS has no default)');
  return namedOptimizer(
    'lars',
    lars,
    { learningRate, weightDecay, trustCoefficient, epsilon, momentum, nesterov },
    { learningRate, weightDecay, momentum },
    (h) =>
      chain(
        addDecayedWeights(h.weightDecay),
        scaleByTrustRatio({ trustCoefficient, epsilon }),
        scaleByLearningRate(h.learningRate),
        trace({ momentum: h.momentum, nesterov }),
      ),
  );
}
