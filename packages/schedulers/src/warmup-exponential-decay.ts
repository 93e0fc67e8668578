import { exponentialDecay, type ExponentialDecayOptions } from './exponential-decay';
import { join } from './join-schedules';
import { linearSchedule } from './linear-schedule';
import { assertInteger } from './options';
import type { Schedule } from './schedule';

/** Options of {@link warmupExponentialDecay}: a warmup, then {@link exponentialDecay} from `peakValue`. */
export interface WarmupExponentialDecayOptions extends Omit<ExponentialDecayOptions, 'initValue'> {
  /** Value at step 0. Finite, >= 0. */
  readonly initValue: number;
  /** Value at the end of the warmup, where the decay starts. Finite, >= 0. */
  readonly peakValue: number;
  /** Length of the linear warmup. Integer >= 0. */
  readonly warmupSteps: number;
}

/**
 * `optax.warmup_exponential_decay_schedule`: linear warmup from `initValue` to `peakValue`, then exponential decay.
 *
 * For `t < warmupSteps`: `s(t) = initValue + (peakValue - initValue) * t / warmupSteps`; after, with
 * `u = t - warmupSteps - transitionBegin` and `p = u / transitionSteps` (floored when `staircase`):
 * `s(t) = peakValue` for `u <= 0`, else `peakValue * decayRate^p`, clipped to `endValue` as in
 * {@link exponentialDecay}.
 *
 * Range: between `initValue` and `peakValue` during the warmup, then between `peakValue` and `endValue` (or 0).
 */
export function warmupExponentialDecay({
  initValue,
  peakValue,
  warmupSteps,
  ...decay
}: WarmupExponentialDecayOptions): Schedule {
  assertInteger('warmupSteps', warmupSteps);
  return join(
    [
      linearSchedule({ initValue, endValue: peakValue, transitionSteps: warmupSteps }),
      exponentialDecay({ initValue: peakValue, ...decay }),
    ],
    [warmupSteps],
    'warmupSteps',
    0,
  );
}
