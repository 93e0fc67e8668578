import { countAtMost } from './bisect';
import { sortedBoundaries, type BoundariesAndScales } from './boundaries-and-scales';
import { assertNonNegative, assertOneOf, checkedSchedule } from './options';
import { cumulativeValues } from './piecewise-constant';
import type { Schedule } from './schedule';

/** Options of {@link piecewiseInterpolate}. */
export interface PiecewiseInterpolateOptions {
  /** `'linear'` or `'cosine'` interpolation between the knots. Required. */
  readonly interpolateType: 'linear' | 'cosine';
  /** Value at step 0. Finite, >= 0. */
  readonly initValue: number;
  /** Step boundary (integer >= 0) -> multiplier (finite, >= 0) reached at that step. Default none. */
  readonly boundariesAndScales?: BoundariesAndScales;
}

/**
 * `optax.piecewise_interpolate_schedule`: interpolates between knots `(0, v_0), (b_1, v_1), ...` with
 * `v_0 = initValue`, `v_i = v_{i-1} * f_i`, and holds the last value after the last boundary.
 *
 * For `b_{i-1} <= t < b_i` (with `b_0 = 0`), `pct = (t - b_{i-1}) / (b_i - b_{i-1})` and
 * `s(t) = v_{i-1} + (v_i - v_{i-1}) * pct` (`'linear'`) or `v_i + (v_{i-1} - v_i) * (1 + cos(pi * pct)) / 2`
 * (`'cosine'`).
 *
 * Range: between the smallest and the largest knot value.
 *
 * @example piecewiseInterpolate({ interpolateType: 'linear', initValue: 1, boundariesAndScales: { 10: 0.5 } }) // 1 -> 0.5 at 10
 */
export function piecewiseInterpolate({
  interpolateType,
  initValue,
  boundariesAndScales,
}: PiecewiseInterpolateOptions): Schedule {
  assertOneOf('interpolateType', interpolateType, ['linear', 'cosine']);
  assertNonNegative('initValue', initValue);
  const { boundaries, scales } = sortedBoundaries(boundariesAndScales);
  const values = cumulativeValues(initValue, scales);
  const bounds = [0, ...boundaries];
  const interpolate =
    interpolateType === 'linear'
      ? (a: number, b: number, pct: number) => (b - a) * pct + a
      : (a: number, b: number, pct: number) => b + ((a - b) / 2) * (Math.cos(Math.PI * pct) + 1);
  return checkedSchedule((t) => {
    // Number of knots at or before t; a boundary at 0 makes the first interval empty, as in optax.
    const i = countAtMost(bounds, t);
    if (i >= bounds.length) return values[values.length - 1]!;
    const start = bounds[i - 1]!;
    const end = bounds[i]!;
    return interpolate(values[i - 1]!, values[i]!, (t - start) / (end - start));
  });
}
