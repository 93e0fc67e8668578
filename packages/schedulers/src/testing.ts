// Test helpers (not exported from the package).
import { expect } from 'vitest';
import type { Schedule } from './schedule';

/** `|s(t) - expected[t]| <= rtol * |expected[t]| + atol` for every t; reports the first failing step. */
export function expectSeriesClose(
  schedule: Schedule,
  expected: readonly number[],
  label: string,
  { rtol = 1e-6, atol = 1e-15 } = {},
): void {
  for (let t = 0; t < expected.length; t += 1) {
    const want = expected[t]!;
    const got = schedule(t);
    if (!(Math.abs(got - want) <= rtol * Math.abs(want) + atol)) {
      expect.fail(`${label}: step ${t}: got ${got}, expected ${want} (rtol ${rtol})`);
    }
  }
}

/** `s(t)` equals each `[t, value]` pair's value to 1e-12 relative (values worked by hand from a formula). */
export function expectAt(s: Schedule, pairs: ReadonlyArray<readonly [number, number]>): void {
  for (const [t, want] of pairs) {
    const got = s(t);
    expect(Math.abs(got - want), `t = ${t}: got ${got}, expected ${want}`).toBeLessThanOrEqual(
      1e-12 * Math.abs(want) + 1e-15,
    );
  }
}
