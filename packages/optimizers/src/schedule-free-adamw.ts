import { assertInteger, chain, type Schedule } from '@nnopt/core';
import { addDecayedWeights } from './add-decayed-weights';
import { namedOptimizer } from './named-optimizer';
import { scaleByAdam } from './scale-by-adam';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { scheduleFree } from './schedule-free';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link scheduleFreeAdamw}. */
export interface ScheduleFreeAdamwOptions {
  /** Peak step size. Default 0.0025 (the reference implementation's). No schedule needed: that is the point. */
  learningRate?: number;
  /** Interpolation between the average and the base iterate. Default 0.9. */
  beta1?: number;
  /** Second-moment decay. Default 0.999. */
  beta2?: number;
  /** Added outside the square root, after bias correction. Default 1e-8. */
  epsilon?: number;
  /** Decoupled weight decay, taken at `y`. Default 0. */
  weightDecay?: number;
  /** Linear warmup over this many steps: `lr_t = lr min(1, (t + 1) / warmupSteps)`. Default 0 (none). */
  warmupSteps?: number;
  /** Exponent of the averaging weights `max lr^weightLrPower`. Default 2. */
  weightLrPower?: number;
}

/**
 * Schedule-free AdamW (Defazio et al. 2024, "The Road Less Scheduled", https://arxiv.org/abs/2405.15682), as optax
 * `contrib.schedule_free_adamw`: `scheduleFree` around `chain(scaleByAdam({ beta1: 0 }), addDecayedWeights,
 * scaleByLearningRate)`, so per step, at the variables' value `y`:
 *
 * `v_t = beta2 v + (1 - beta2) g^2`, `z <- z - lr_t (g / (sqrt(v_t / (1 - beta2^t)) + epsilon) + weightDecay y)`,
 * `c = lr_max^2 / sum lr_max^2`, `x <- (1 - c) x + c z`, `y <- beta1 x + (1 - beta1) z`
 *
 * Evaluate (and save) the model at `x = (y - (1 - beta1) z) / beta1`, with `z` from the state
 * (`stateDict().transform.inner.z`). Defaults `learningRate = 0.0025`, `beta1 = 0.9`, `beta2 = 0.999`,
 * `epsilon = 1e-8`, `weightDecay = 0`, `warmupSteps = 0`, `weightLrPower = 2`. Convention: the reference PyTorch
 * code folds `sqrt(1 - beta2^t)` into the learning rate (so epsilon is not bias-corrected and the averaging weights
 * grow during the first steps); optax and this package bias-correct `v` as Adam does. Checked against a float64
 * reference of this rule.
 *
 * @throws RangeError naming the option when invalid.
 */
export function scheduleFreeAdamw(options: ScheduleFreeAdamwOptions = {}): TransformOptimizer {
  const { learningRate = 0.0025, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0, warmupSteps = 0, weightLrPower = 2 } = options;
  assertInteger('warmupSteps', warmupSteps);
  const schedule: Schedule = (step) => (warmupSteps > 0 ? learningRate * Math.min(1, (step + 1) / warmupSteps) : learningRate);
  return namedOptimizer(
    'scheduleFreeAdamw',
    scheduleFreeAdamw,
    { learningRate, beta1, beta2, epsilon, weightDecay, warmupSteps, weightLrPower },
    { learningRate: schedule },
    (h) =>
      scheduleFree(chain(scaleByAdam({ beta1: 0, beta2, epsilon }), addDecayedWeights(weightDecay), scaleByLearningRate(h.learningRate)), {
        learningRate: h.learningRate,
        beta1,
        weightLrPower,
      }),
  );
}
