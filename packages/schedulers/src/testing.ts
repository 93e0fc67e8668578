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
