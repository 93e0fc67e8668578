import { assertInteger, assertNonNegative, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link linearSchedule}. */
export interface LinearScheduleOptions {
  /** Value before `transitionBegin`. Finite, >= 0. */
  readonly initValue: number;
  /** Value from `transitionBegin + transitionSteps` on. Finite, >= 0. */
  readonly endValue: number;
  /** Length of the ramp. Integer >= 0; 0 gives the constant `initValue` (as optax). */
  readonly transitionSteps: number;
  /** Step at which the ramp starts. Integer >= 0. Default 0. */
  readonly transitionBegin?: number;
}

/**
 * `optax.linear_schedule`: a linear ramp from `initValue` to `endValue`.
 *
 * `s(t) = initValue + (endValue - initValue) * clip(t - transitionBegin, 0, transitionSteps) / transitionSteps`.
 *
 * Range: between `initValue` and `endValue`.
 *
 * @example linearSchedule({ initValue: 0, endValue: 1e-3, transitionSteps: 100 }) // 0, 1e-5, ..., 1e-3, 1e-3, ...
 */
export function linearSchedule({
  initValue,
  endValue,
  transitionSteps,
  transitionBegin = 0,
}: LinearScheduleOptions): Schedule {
  assertNonNegative('initValue', initValue);
  assertNonNegative('endValue', endValue);
  assertInteger('transitionSteps', transitionSteps);
  assertInteger('transitionBegin', transitionBegin);
  if (transitionSteps === 0) return checkedSchedule(() => initValue);
  return checkedSchedule((t) => {
    const count = Math.min(Math.max(t - transitionBegin, 0), transitionSteps);
    // optax's polynomial form with power 1: (init - end) * (1 - count / steps) + end.
    return (initValue - endValue) * (1 - count / transitionSteps) + endValue;
  });
}
