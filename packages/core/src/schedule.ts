/**
 * A schedule maps the number of optimizer steps already taken (0 for the first step) to a hyperparameter value.
 * It is pure and closed form, holds no tensors and may be evaluated at any step in any order.
 */
export type Schedule = (step: number) => number;

/** A hyperparameter given either as a constant or as a {@link Schedule}. */
export type ScheduleLike = number | Schedule;

/** Evaluates a constant or schedule at `step`. */
export function valueAt(value: ScheduleLike, step: number): number {
  return typeof value === 'number' ? value : value(step);
}
