import { chain, type ScheduleLike } from '@nnopt/core';
import { addL2Gradient } from './add-l2-gradient';
import { fusedAdam } from './fused/fused-adam';
import { namedOptimizer } from './named-optimizer';
import { scaleByAdam } from './scale-by-adam';
import { scaleByLearningRate } from './scale-by-learning-rate';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link adam} and `adamw` (`torch.optim.Adam`'s arguments). */
export interface AdamOptions {
  /** Step size (number or schedule). Default 1e-3. */
  learningRate?: ScheduleLike;
  /** First-moment decay (number or schedule). Default 0.9. */
  beta1?: ScheduleLike;
  /** Second-moment decay. Default 0.999. */
  beta2?: number;
  /** Default 1e-8, added outside the square root after bias correction. */
  epsilon?: number;
  /** Weight decay (number or schedule): coupled L2 in `adam` (default 0), decoupled in `adamw` (default 1e-2). */
  weightDecay?: ScheduleLike;
  /** AMSGrad variant. Default false. */
  amsgrad?: boolean;
  /**
   * One-pass fused step on the cpu and wasm backends (PyTorch's `fused`; same numbers and state as the composed
   * chain, which other backends and `fused: false` run). Default true.
   */
  fused?: boolean;
}

/**
 * `torch.optim.Adam` (Kingma & Ba 2015, https://arxiv.org/abs/1412.6980): `g <- g + weightDecay * p`, then
 * `p <- p - lr * m̂ / (sqrt(v̂) + epsilon)` with bias-corrected moments (see `scaleByAdam`; AMSGrad optional).
 * Chain: `addL2Gradient`, `scaleByAdam`, `scaleByLearningRate`.
 *
 * Defaults `learningRate = 1e-3`, `beta1 = 0.9`, `beta2 = 0.999`, `epsilon = 1e-8`, `weightDecay = 0`, `amsgrad = false`.
 * tfjs' `tf.train.adam` differs: epsilon is added before bias correction (`lr_t = lr sqrt(1-beta2^t)/(1-beta1^t)`,
 * `p -= lr_t m / (sqrt(v) + epsilon)`), there is no weight decay or AMSGrad, and its step counter is global.
 *
 * @throws RangeError naming the option: `learningRate`/`weightDecay` < 0, `beta1`/`beta2` outside [0, 1), `epsilon` <= 0.
 */
export function adam(options: AdamOptions = {}): TransformOptimizer {
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0, amsgrad = false, fused = true } = options;
  return namedOptimizer('adam', adam, { learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, fused }, { learningRate, beta1, weightDecay }, (h) =>
    chain(addL2Gradient(h.weightDecay), scaleByAdam({ beta1: h.beta1, beta2, epsilon, amsgrad }), scaleByLearningRate(h.learningRate)),
    fusedAdam({ beta2, epsilon, amsgrad, decoupled: false }),
  );
}
