import { assertInteger, assertNonNegative, assertPositive, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link exponentialDecay}. */
export interface ExponentialDecayOptions {
  /** Value until `transitionBegin`. Finite, >= 0. */
  readonly initValue: number;
  /** Steps per factor of `decayRate`. Integer >= 1. */
  readonly transitionSteps: number;
  /** Decay per `transitionSteps`. Finite, > 0 (optax also allows 0 with a warning; here it is an error). */
  readonly decayRate: number;
  /** Step at which the decay starts. Integer >= 0. Default 0. */
  readonly transitionBegin?: number;
  /** Decay in whole `transitionSteps` intervals. Default false. */
  readonly staircase?: boolean;
  /** Bound of the decay: a floor when `decayRate < 1`, a ceiling otherwise. Finite, >= 0. Default none. */
  readonly endValue?: number;
}

/**
 * `optax.exponential_decay`.
 *
 * With `p = (t - transitionBegin) / transitionSteps` (floored when `staircase`):
 * `s(t) = initValue` for `t <= transitionBegin`, else `initValue * decayRate^p`, then clipped to `endValue`
 * (`max` when `decayRate < 1`, `min` otherwise).
 *
 * Range: between `initValue` and `endValue` (or 0 when there is no `endValue` and `decayRate < 1`).
 */
export function exponentialDecay({
  initValue,
  transitionSteps,
  decayRate,
  transitionBegin = 0,
  staircase = false,
  endValue,
}: ExponentialDecayOptions): Schedule {
  assertNonNegative('initValue', initValue);
  assertInteger('transitionSteps', transitionSteps, 1);
  assertPositive('decayRate', decayRate);
  assertInteger('transitionBegin', transitionBegin);
  if (endValue !== undefined) assertNonNegative('endValue', endValue);
  const clip = endValue === undefined ? (v: number) => v : decayRate < 1 ? (v: number) => Math.max(v, endValue) : (v: number) => Math.min(v, endValue);
  return checkedSchedule((t) => {
    const count = t - transitionBegin;
    const p = staircase ? Math.floor(count / transitionSteps) : count / transitionSteps;
    return clip(count <= 0 ? initValue : initValue * decayRate ** p);
  });
}
