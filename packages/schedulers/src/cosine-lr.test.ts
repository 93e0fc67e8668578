// timm's CosineLRScheduler against values worked by hand from its formula (arithmetic in the comments).
import { describe, expect, it } from 'vitest';
import { cosineLR } from './cosine-lr';
import { sample } from './sample';
import { expectAt } from './testing';

describe('cosineLR (timm)', () => {
  it('one cycle, then lrMin', () => {
    // t = 5 of 10: 0.5 * (1 + cos(pi / 2)) = 0.5; t >= 10 is cycle 1 >= cycleLimit 1 -> lrMin.
    expectAt(cosineLR({ lr: 1, tInitial: 10 }), [[0, 1], [5, 0.5], [10, 0], [99, 0]]);
  });

  it('restarts with decaying peaks up to the cycle limit', () => {
    const s = cosineLR({ lr: 1, tInitial: 10, lrMin: 0.1, cycleDecay: 0.5, cycleLimit: 3 });
    // Cycle 1 peak 0.5: t = 10 -> 0.1 + 0.5 * 0.4 * 2 = 0.5; t = 15 -> 0.1 + 0.5 * 0.4 * 1 = 0.3.
    // Cycle 2 peak 0.25: t = 20 -> 0.25. t = 30: cycle 3 >= 3 -> 0.1.
    expectAt(s, [[10, 0.5], [15, 0.3], [20, 0.25], [30, 0.1]]);
  });

  it('cycleMul lengthens the cycles', () => {
    const s = cosineLR({ lr: 1, tInitial: 10, cycleMul: 2, cycleLimit: 5 });
    // Cycles start at 0, 10, 30, 70, 150 (10 * (1 - 2^i) / (1 - 2)).
    // t = 29: cycle 1 (T = 20), T_cur = 19: 0.5 * (1 + cos(19 pi / 20)) = 0.5 * (1 - 0.9876883405951378).
    // t = 50: cycle 2 (T = 40), T_cur = 20 -> 0.5. t = 309: cycle 4 (T = 160), 0.5 * (1 + cos(159 pi / 160)). t = 310: cycle 5 -> 0.
    expectAt(s, [[10, 1], [29, 0.006155829702431115], [30, 1], [50, 0.5], [70, 1], [150, 1], [309, 9.637975896759077e-05], [310, 0]]);
  });

  it('cycleMul < 1 shrinks the cycles and ends at lrMin where they converge', () => {
    const s = cosineLR({ lr: 1, tInitial: 8, cycleMul: 0.5, cycleLimit: 100, lrMin: 0.25 });
    // Starts 0, 8, 12, 14, 15, ... -> 16. t = 10: cycle 1 (T = 4), T_cur = 2 -> 0.25 + 0.75 * 0.5 = 0.625.
    expectAt(s, [[8, 1], [10, 0.625], [12, 1], [16, 0.25], [100, 0.25]]);
  });

  it('warms up linearly, over or before the cosine', () => {
    // t < 10: 0.1 + t * (1 - 0.1) / 10. Overlaid: t = 10 is cosine step 10 of 100: 0.5 * (1 + cos(0.1 pi)).
    const over = cosineLR({ lr: 1, tInitial: 100, warmupT: 10, warmupLrInit: 0.1 });
    expectAt(over, [[0, 0.1], [5, 0.55], [10, 0.9755282581475768], [50, 0.5]]);
    // Prefix: the cosine starts after the warmup, t = 10 -> 1, t = 60 -> 0.5.
    const prefix = cosineLR({ lr: 1, tInitial: 100, warmupT: 10, warmupLrInit: 0.1, warmupPrefix: true });
    expectAt(prefix, [[5, 0.55], [10, 1], [60, 0.5], [110, 0]]);
  });

  it('k-decay bends the cosine', () => {
    // t = 5, k = 2: cos(pi * 25 / 100) = cos(pi / 4) -> 0.5 * 1.7071067811865476.
    expectAt(cosineLR({ lr: 1, tInitial: 10, kDecay: 2 }), [[5, 0.8535533905932738]]);
  });

  describe('seeded noise', () => {
    const clean = cosineLR({ lr: 1, tInitial: 1000 });
    const noisy = (o = {}) => cosineLR({ lr: 1, tInitial: 1000, noiseRangeT: [100, 900], noisePct: 0.2, ...o });

    it('stays within noisePct of the clean value, only inside the range', () => {
      for (const type of ['normal', 'uniform'] as const) {
        const s = noisy({ noiseType: type });
        const ratios = sample(s, 1000).map((v, t) => v / clean(t) - 1);
        ratios.forEach((r, t) => {
          if (t < 100 || t >= 900) expect(r, `t = ${t}`).toBe(0);
          else expect(Math.abs(r), `t = ${t}`).toBeLessThan(0.2);
        });
        const inside = ratios.slice(100, 900);
        // Real noise: spread over most of the band, centred near 0.
        expect(Math.max(...inside) - Math.min(...inside)).toBeGreaterThan(0.3);
        expect(Math.abs(inside.reduce((a, b) => a + b, 0) / inside.length)).toBeLessThan(0.02);
      }
    });

    it('is a pure function of (seed, t): same in any order, different across seeds', () => {
      const s = noisy();
      const forward = sample(s, 1000);
      const backward = Array.from({ length: 1000 }, (_, i) => s(999 - i)).reverse();
      expect(backward).toEqual(forward);
      expect(sample(noisy(), 1000)).toEqual(forward);
      const other = sample(noisy({ noiseSeed: 7 }), 1000);
      expect(other.slice(100, 900).filter((v, i) => v !== forward[100 + i]).length).toBeGreaterThan(790);
    });

    it('a number range applies from that step on', () => {
      const s = cosineLR({ lr: 1, tInitial: 1000, noiseRangeT: 500 });
      expect(s(499)).toBe(clean(499));
      expect(s(500)).not.toBe(clean(500));
    });
  });
});
