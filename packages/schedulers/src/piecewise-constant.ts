import { countAtMost } from './bisect';
import { sortedBoundaries, type BoundariesAndScales } from './boundaries-and-scales';
import { assertNonNegative, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link piecewiseConstant}. */
export interface PiecewiseConstantOptions {
  /** Value before the first boundary. Finite, >= 0. */
  readonly initValue: number;
  /** Step boundary (integer >= 0) -> multiplier (finite, >= 0) applied from that step on. Default none. */
  readonly boundariesAndScales?: BoundariesAndScales;
}

/**
 * `optax.piecewise_constant_schedule`: multiplies the value by `f_i` at each boundary `b_i`.
 *
 * `s(t) = initValue * prod_{i : b_i <= t} f_i`.
 *
 * Range: `initValue` times the products of the scales (`[0, initValue]` when every scale is <= 1).
 *
 * @example piecewiseConstant({ initValue: 0.1, boundariesAndScales: { 100: 0.1, 200: 0.5 } }) // 0.1, then 0.01, then 0.005
 */
export function piecewiseConstant({ initValue, boundariesAndScales }: PiecewiseConstantOptions): Schedule {
  assertNonNegative('initValue', initValue);
  const { boundaries, scales } = sortedBoundaries(boundariesAndScales);
  const values = cumulativeValues(initValue, scales);
  return checkedSchedule((t) => values[countAtMost(boundaries, t)]!);
}

/** `[v_0, v_1, ...]` with `v_0 = initValue` and `v_i = v_{i-1} * scales[i-1]` (optax's cumprod). */
export function cumulativeValues(initValue: number, scales: readonly number[]): number[] {
  const values = [initValue];
  for (const scale of scales) values.push(values[values.length - 1]! * scale);
  return values;
}
