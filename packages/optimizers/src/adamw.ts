import { chain } from '@nnopt/core';
import type { AdamOptions } from './adam';
import { addDecayedWeights } from './add-decayed-weights';
import { fusedAdam } from './fused/fused-adam';
import { namedOptimizer } from './named-optimizer';
import { scaleByAdam } from './scale-by-adam';
import { scaleByLearningRate } from './scale-by-learning-rate';
import type { TransformOptimizer } from './to-optimizer';

/**
 * `torch.optim.AdamW` (Loshchilov & Hutter 2019, https://arxiv.org/abs/1711.05101): decoupled weight decay,
 * `p <- p - lr * (m̂ / (sqrt(v̂) + epsilon) + weightDecay * p)`, i.e. PyTorch's `p *= 1 - lr * weightDecay`
 * followed by the Adam step (the decay follows a scheduled learning rate). Chain: `scaleByAdam`,
 * `addDecayedWeights`, `scaleByLearningRate`.
 *
 * Defaults as {@link adam} except `weightDecay = 1e-2`. tfjs has no AdamW.
 *
 * @throws RangeError naming the option, as {@link adam}.
 */
export function adamw(options: AdamOptions = {}): TransformOptimizer {
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 1e-2, amsgrad = false, fused = true } = options;
  return namedOptimizer('adamw', adamw, { learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, fused }, { learningRate, beta1, weightDecay }, (h) =>
    chain(scaleByAdam({ beta1: h.beta1, beta2, epsilon, amsgrad }), addDecayedWeights(h.weightDecay), scaleByLearningRate(h.learningRate)),
    fusedAdam({ beta2, epsilon, amsgrad, decoupled: true }),
  );
}
