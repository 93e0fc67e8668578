import { assertInRange, assertInteger, assertNonNegative, chain, type Schedule, type ScheduleLike, type Transform } from '@nnopt/core';
import { addDecayedWeights } from './add-decayed-weights';
import { clipByBlockRms } from './clip-by-block-rms';
import { ema } from './ema';
import { namedOptimizer } from './named-optimizer';
import { scaleByFactoredRms } from './scale-by-factored-rms';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { scaleByParamBlockRms } from './scale-by-param-block-rms';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link adafactor}. */
export interface AdafactorOptions {
  /** Step size (number or schedule). Default: the paper's relative step `min(1e-2, 1 / sqrt(t))`, `t = step + 1`. */
  learningRate?: ScheduleLike;
  /** Exponent `c` of `beta2_t = 1 - t^(-c)`. Default 0.8. */
  decayRate?: number;
  /** Steps subtracted from `t` in the decay schedule. Default 0. */
  decayOffset?: number;
  /** Factor the second moment when the second largest dim is at least this. Default 128. */
  minDimSizeToFactor?: number;
  /** Update clipping threshold `d` (RMS per tensor); 0 disables clipping. Default 1. */
  clippingThreshold?: number;
  /** Scale steps by the parameter's RMS (relative step size). Default true. */
  multiplyByParameterScale?: boolean;
  /** `epsilon_1`, added to the squared gradient. Default 1e-30. */
  epsilon?: number;
  /** Decoupled weight decay (number or schedule), scaled by the learning rate. Default 0. */
  weightDecay?: ScheduleLike;
  /** Factor second moments at all (false: full `v` as Adam without momentum). Default true. */
  factored?: boolean;
  /** Decay of an exponential moving average of the updates (optax's `momentum`); 0 turns it off. Default 0. */
  momentum?: number;
}

/** The paper's default relative step size `min(1e-2, 1 / sqrt(step + 1))`. */
const relativeStep: Schedule = (step) => Math.min(1e-2, 1 / Math.sqrt(step + 1));

/**
 * Adafactor (Shazeer & Stern 2018, "Adafactor: Adaptive Learning Rates with Sublinear Memory Cost",
 * https://arxiv.org/abs/1804.04235), as optax `adafactor`:
 *
 * `u = g / sqrt(V̂_t)` (factored second moment, `scaleByFactoredRms`), `u <- u / max(1, RMS(u) / d)`,
 * `u <- u * max(RMS(p), 1e-3)` (when `multiplyByParameterScale`), optionally `u <- ema_momentum(u)`,
 * `p <- p - lr (u + weightDecay p)`
 *
 * Chain: `scaleByFactoredRms`, `clipByBlockRms`, `scaleByParamBlockRms`, `ema` (when `momentum > 0`),
 * `addDecayedWeights`, `scaleByLearningRate`.
 * Defaults: `learningRate = min(1e-2, 1/sqrt(t))`, `decayRate = 0.8`, `decayOffset = 0`, `minDimSizeToFactor = 128`,
 * `clippingThreshold = 1`, `multiplyByParameterScale = true`, `epsilon = 1e-30`, `weightDecay = 0`, `factored = true`,
 * `momentum = 0` (off; the paper's default, optax's `None`). optax applies the learning rate before the momentum average;
 * here it comes last, which is the same for a constant learning rate.
 * Convention: weight decay is multiplied by the learning rate (AdamW-style); optax adds it after the learning rate.
 * Not in PyTorch 1.13 or tfjs: checked against a float64 reference written from the paper.
 *
 * @throws RangeError naming the option when invalid.
 */
export function adafactor(options: AdafactorOptions = {}): TransformOptimizer {
  const {
    learningRate = relativeStep,
    decayRate = 0.8,
    decayOffset = 0,
    minDimSizeToFactor = 128,
    clippingThreshold = 1,
    multiplyByParameterScale = true,
    epsilon = 1e-30,
    weightDecay = 0,
    factored = true,
    momentum = 0,
  } = options;
  assertNonNegative('clippingThreshold', clippingThreshold);
  assertInRange('momentum', momentum, 0, 1);
  // scaleByFactoredRms calls it stepOffset: validate under the name the caller used.
  assertInteger('decayOffset', decayOffset);
  return namedOptimizer(
    'adafactor',
    adafactor,
    { learningRate, decayRate, decayOffset, minDimSizeToFactor, clippingThreshold, multiplyByParameterScale, epsilon, weightDecay, factored, momentum },
    { learningRate, weightDecay },
    (h) => {
      const stages: Transform[] = [scaleByFactoredRms({ factored, decayRate, stepOffset: decayOffset, minDimSizeToFactor, epsilon })];
      if (clippingThreshold > 0) stages.push(clipByBlockRms({ threshold: clippingThreshold }));
      if (multiplyByParameterScale) stages.push(scaleByParamBlockRms());
      if (momentum > 0) stages.push(ema({ decay: momentum }));
      return chain(...stages, addDecayedWeights(h.weightDecay), scaleByLearningRate(h.learningRate));
    },
  );
}
