import { chain, type ScheduleLike } from '@nnopt/core';
import { addDecayedWeights } from './add-decayed-weights';
import { fusedLion } from './fused/fused-lion';
import { namedOptimizer } from './named-optimizer';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { scaleByLion } from './scale-by-lion';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link lion}. */
export interface LionOptions {
  /** Step size (number or schedule). Default 1e-4 (the paper suggests 3-10x smaller than AdamW's). */
  learningRate?: ScheduleLike;
  /** Interpolation factor of the update direction. Default 0.9. */
  beta1?: number;
  /** Momentum decay. Default 0.99. */
  beta2?: number;
  /** Decoupled weight decay (number or schedule). Default 0 (the paper suggests 3-10x larger than AdamW's). */
  weightDecay?: ScheduleLike;
  /**
   * One-pass fused step on the cpu and wasm backends (PyTorch's `fused`; same numbers and state as the composed
   * chain, which other backends and `fused: false` run). Default true.
   */
  fused?: boolean;
}

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", https://arxiv.org/abs/2302.06675):
 *
 * `c = beta1 m + (1 - beta1) g`, `p <- p - lr (sign(c) + weightDecay p)`, `m <- beta2 m + (1 - beta2) g`
 *
 * Chain: `scaleByLion`, `addDecayedWeights`, `scaleByLearningRate` (as optax `lion`). Defaults: `learningRate =
 * 1e-4`, `beta1 = 0.9`, `beta2 = 0.99`, `weightDecay = 0` (lucidrains/lion-pytorch's; optax's weight decay
 * default is 1e-3). Every step moves each coordinate by exactly `lr` (plus decay). Not in PyTorch 1.13 or tfjs:
 * checked against a float64 reference written from the paper.
 *
 * @throws RangeError naming the option: `learningRate`/`weightDecay` < 0, `beta1`/`beta2` outside [0, 1).
 */
export function lion(options: LionOptions = {}): TransformOptimizer {
  const { learningRate = 1e-4, beta1 = 0.9, beta2 = 0.99, weightDecay = 0, fused = true } = options;
  return namedOptimizer('lion', lion, { learningRate, beta1, beta2, weightDecay, fused }, { learningRate, weightDecay }, (h) =>
    chain(scaleByLion({ beta1, beta2 }), addDecayedWeights(h.weightDecay), scaleByLearningRate(h.learningRate)),
    fusedLion({ beta1, beta2 }),
  );
}
