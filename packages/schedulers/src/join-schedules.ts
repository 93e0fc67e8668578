import { countAtMost } from './bisect';
import { assertIncreasingIntegers, assertOption, assertSchedules, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/**
 * `optax.join_schedules`: runs `schedules[i]` from `boundaries[i - 1]` on, each on its own clock.
 *
 * `s(t) = schedules[i](t - boundaries[i - 1])` with `i = |{ b in boundaries : b <= t }|` (and no offset for i = 0).
 *
 * `boundaries` are strictly increasing integers >= 0, one fewer than `schedules`. Range: the union of the parts'.
 *
 * @example joinSchedules([linearSchedule({ initValue: 0, endValue: 1, transitionSteps: 10 }), () => 1], [10])
 */
export function joinSchedules(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  return join(schedules, boundaries, 'boundaries', 0);
}

/** {@link joinSchedules} with the boundary option named `option` in errors and its smallest allowed value. */
export function join(schedules: readonly Schedule[], boundaries: readonly number[], option: string, min: number) {
  assertSchedules('schedules', schedules);
  assertIncreasingIntegers(option, boundaries, min);
  assertOption(
    boundaries.length === schedules.length - 1,
    option,
    boundaries,
    `one fewer than the ${schedules.length} schedules`,
  );
  const bounds = [...boundaries];
  const parts = [...schedules];
  return checkedSchedule((t) => {
    const i = countAtMost(bounds, t);
    return parts[i]!(i === 0 ? t : t - bounds[i - 1]!);
  });
}
