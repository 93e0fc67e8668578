import { cosineDecay } from './cosine-decay';
import { join } from './join-schedules';
import { linearSchedule } from './linear-schedule';
import { assertInteger, assertNonNegative, assertOption } from './options';
import type { Schedule } from './schedule';

/** Options of {@link warmupCosineDecay}. */
export interface WarmupCosineDecayOptions {
  /** Value at step 0. Finite, >= 0. */
  readonly initValue: number;
  /** Value at the end of the warmup. Finite, >= 0. */
  readonly peakValue: number;
  /** Length of the linear warmup. Integer >= 0. */
  readonly warmupSteps: number;
  /** Total length, warmup included: the cosine lasts `decaySteps - warmupSteps`. Integer > `warmupSteps`. */
  readonly decaySteps: number;
  /** Final value. Finite, >= 0, at most `peakValue`. Default 0. */
  readonly endValue?: number;
  /** Exponent of the cosine factor. Finite, > 0. Default 1. */
  readonly exponent?: number;
}

/**
 * `optax.warmup_cosine_decay_schedule`: linear warmup from `initValue` to `peakValue`, then cosine decay to
 * `endValue`.
 *
 * For `t < warmupSteps`: `s(t) = initValue + (peakValue - initValue) * t / warmupSteps`; after, with
 * `u = min(t - warmupSteps, D)`, `D = decaySteps - warmupSteps`, `alpha = endValue / peakValue` (0 if the peak is 0):
 * `s(t) = peakValue * ((1 - alpha) * (0.5 * (1 + cos(pi * u / D)))^exponent + alpha)`.
 *
 * Range: `[min(initValue, endValue), peakValue]` when `initValue <= peakValue`.
 */
export function warmupCosineDecay({
  initValue,
  peakValue,
  warmupSteps,
  decaySteps,
  endValue = 0,
  exponent = 1,
}: WarmupCosineDecayOptions): Schedule {
  assertInteger('warmupSteps', warmupSteps);
  assertInteger('decaySteps', decaySteps, warmupSteps + 1);
  assertNonNegative('peakValue', peakValue);
  assertNonNegative('endValue', endValue);
  assertOption(endValue <= peakValue, 'endValue', endValue, `<= peakValue (${peakValue})`);
  const alpha = peakValue === 0 ? 0 : endValue / peakValue;
  return join(
    [
      linearSchedule({ initValue, endValue: peakValue, transitionSteps: warmupSteps }),
      cosineDecay({ initValue: peakValue, decaySteps: decaySteps - warmupSteps, alpha, exponent }),
    ],
    [warmupSteps],
    'warmupSteps',
    0,
  );
}
