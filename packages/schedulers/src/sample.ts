import { assertFunction, assertInteger } from './options';
import type { Schedule } from './schedule';

/**
 * The first `n` values of a schedule, `[s(0), s(1), ..., s(n - 1)]`, for plotting or logging.
 *
 * `n` is an integer >= 0.
 *
 * @example sample(cosineAnnealingLR({ lr: 1, tMax: 4 }), 5) // [1, 0.853..., 0.5, 0.146..., 0]
 */
export function sample(schedule: Schedule, n: number): number[] {
  assertFunction('schedule', schedule);
  assertInteger('n', n);
  return Array.from({ length: n }, (_, t) => schedule(t));
}
