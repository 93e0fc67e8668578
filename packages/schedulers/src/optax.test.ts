// optax schedules against values worked by hand from optax's formulas (the arithmetic is in the comments).
import { describe, expect, it } from 'vitest';
import { cosineAnnealingLR } from './cosine-annealing-lr';
import { cosineDecay } from './cosine-decay';
import { exponentialDecay } from './exponential-decay';
import { joinSchedules } from './join-schedules';
import { linearLR } from './linear-lr';
import { linearSchedule } from './linear-schedule';
import { piecewiseConstant } from './piecewise-constant';
import { piecewiseInterpolate } from './piecewise-interpolate';
import { sample } from './sample';
import { sequentialLR } from './sequential-lr';
import { sgdr } from './sgdr';
import { warmupCosineDecay } from './warmup-cosine-decay';
import { warmupExponentialDecay } from './warmup-exponential-decay';
import { expectAt } from './testing';

describe('linearSchedule', () => {
  it('ramps from transitionBegin over transitionSteps', () => {
    // count = clip(t - 2, 0, 4): 0,0,0,1,2,3,4,4 -> 1 - count / 4.
    expect(sample(linearSchedule({ initValue: 1, endValue: 0, transitionSteps: 4, transitionBegin: 2 }), 8)).toEqual([
      1, 1, 1, 0.75, 0.5, 0.25, 0, 0,
    ]);
  });
  it('is the constant initValue with 0 transition steps, as optax', () => {
    expect(sample(linearSchedule({ initValue: 0.3, endValue: 1, transitionSteps: 0 }), 3)).toEqual([0.3, 0.3, 0.3]);
  });
});

describe('cosineDecay', () => {
  it('decays to alpha * initValue and stays', () => {
    // t = 2 of 4: cosine = 0.5 * (1 + cos(pi / 2)) = 0.5 -> 2 * ((1 - 0.5) * 0.5 + 0.5) = 1.5; t >= 4: 2 * 0.5 = 1.
    expectAt(cosineDecay({ initValue: 2, decaySteps: 4, alpha: 0.5 }), [[0, 2], [2, 1.5], [4, 1], [9, 1]]);
    // exponent 2 at t = 2: 2 * (0.5 * 0.25 + 0.5) = 1.25.
    expectAt(cosineDecay({ initValue: 2, decaySteps: 4, alpha: 0.5, exponent: 2 }), [[2, 1.25]]);
  });
});

describe('warmupCosineDecay', () => {
  const s = warmupCosineDecay({ initValue: 0, peakValue: 1, warmupSteps: 10, decaySteps: 110, endValue: 0.1 });
  it('warms up linearly then decays by a cosine to endValue', () => {
    // Warmup: t / 10. Decay: alpha = 0.1 / 1; u = t - 10 of D = 100.
    // t = 60: u = 50, cosine = 0.5 * (1 + cos(pi / 2)) = 0.5 -> 0.9 * 0.5 + 0.1 = 0.55.
    // t = 35: u = 25, cosine = 0.5 * (1 + cos(pi / 4)) = 0.8535533905932737 -> 0.9 * 0.85355... + 0.1 = 0.8681980515339464.
    expectAt(s, [[0, 0], [5, 0.5], [10, 1], [35, 0.8681980515339464], [60, 0.55], [110, 0.1], [5000, 0.1]]);
  });
  it('exponent shapes the cosine', () => {
    // t = 60 with exponent 2: 0.9 * 0.5^2 + 0.1 = 0.325.
    const e = warmupCosineDecay({ initValue: 0, peakValue: 1, warmupSteps: 10, decaySteps: 110, endValue: 0.1, exponent: 2 });
    expectAt(e, [[60, 0.325]]);
  });
  it('with no warmup starts at the peak', () => {
    expectAt(warmupCosineDecay({ initValue: 0, peakValue: 2, warmupSteps: 0, decaySteps: 4 }), [[0, 2], [2, 1], [4, 0]]);
  });
});

describe('warmupExponentialDecay', () => {
  const base = { initValue: 0, peakValue: 1, warmupSteps: 4, transitionSteps: 10, decayRate: 0.5 };
  it('warms up, then decays by decayRate per transitionSteps', () => {
    // t = 2: 2 / 4. t = 9: u = 5, p = 0.5 -> 0.5^0.5 = 0.7071067811865476. t = 14: p = 1 -> 0.5. t = 24: 0.25.
    expectAt(warmupExponentialDecay(base), [[0, 0], [2, 0.5], [4, 1], [9, 0.7071067811865476], [14, 0.5], [24, 0.25]]);
  });
  it('staircase floors the exponent; endValue bounds the decay; transitionBegin delays it', () => {
    // staircase t = 9: p = floor(0.5) = 0 -> 1; t = 14: 0.5.
    expectAt(warmupExponentialDecay({ ...base, staircase: true }), [[9, 1], [13, 1], [14, 0.5], [23, 0.5]]);
    // endValue 0.3 is a floor because decayRate < 1: t = 24 gives max(0.25, 0.3).
    expectAt(warmupExponentialDecay({ ...base, endValue: 0.3 }), [[14, 0.5], [24, 0.3], [1000, 0.3]]);
    // transitionBegin 6: u = t - 4 - 6; t = 10: u = 0 -> 1; t = 20: p = 1 -> 0.5.
    expectAt(warmupExponentialDecay({ ...base, transitionBegin: 6 }), [[10, 1], [20, 0.5]]);
  });
  it('endValue is a ceiling when decayRate > 1', () => {
    // 1 * 2^(10 / 10) = 2 at t = 10, capped at 1.5.
    expectAt(exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 2, endValue: 1.5 }), [[5, Math.SQRT2], [10, 1.5]]);
  });
});

describe('piecewiseConstant', () => {
  it('multiplies by each scale from its boundary on', () => {
    // 0.1, then 0.1 * 0.1 = 0.01 from 100, then 0.01 * 0.5 = 0.005 from 200.
    const s = piecewiseConstant({ initValue: 0.1, boundariesAndScales: { 200: 0.5, 100: 0.1 } });
    expectAt(s, [[0, 0.1], [99, 0.1], [100, 0.01], [199, 0.01], [200, 0.005], [1e6, 0.005]]);
  });
  it('is constant without boundaries', () => {
    expect(sample(piecewiseConstant({ initValue: 3 }), 3)).toEqual([3, 3, 3]);
  });
});

describe('piecewiseInterpolate', () => {
  // Knots (0, 1), (10, 1 * 0.5), (20, 0.5 * 4 = 2).
  const boundariesAndScales = { 10: 0.5, 20: 4 };
  it('interpolates linearly between knots and holds the last value', () => {
    const s = piecewiseInterpolate({ interpolateType: 'linear', initValue: 1, boundariesAndScales });
    // t = 5: 1 + (0.5 - 1) * 0.5 = 0.75; t = 15: 0.5 + 1.5 * 0.5 = 1.25; t = 12: 0.5 + 1.5 * 0.2 = 0.8.
    expectAt(s, [[0, 1], [5, 0.75], [10, 0.5], [12, 0.8], [15, 1.25], [20, 2], [500, 2]]);
  });
  it('interpolates by a half cosine', () => {
    const s = piecewiseInterpolate({ interpolateType: 'cosine', initValue: 1, boundariesAndScales });
    // t = 12: pct 0.2, 2 + (0.5 - 2) / 2 * (cos(0.2 pi) + 1) = 2 - 0.75 * 1.8090169943749475 = 0.6432372542187894.
    expectAt(s, [[0, 1], [5, 0.75], [10, 0.5], [12, 0.6432372542187894], [20, 2]]);
  });
});

describe('joinSchedules and sgdr', () => {
  it('joinSchedules restarts each part at its boundary, like sequentialLR', () => {
    const parts = [linearLR({ lr: 1, startFactor: 0.5, totalIters: 4 }), cosineAnnealingLR({ lr: 1, tMax: 8 })];
    // Step 4 is step 0 of the cosine: 1; step 8 is its step 4: 0.5.
    expectAt(joinSchedules(parts, [4]), [[0, 0.5], [2, 0.75], [3, 0.875], [4, 1], [8, 0.5], [12, 0]]);
    expect(sample(joinSchedules(parts, [4]), 50)).toEqual(sample(sequentialLR(parts, [4]), 50));
  });
  it('sgdr joins warmup-cosine cycles end to end', () => {
    const s = sgdr([
      { initValue: 0, peakValue: 1, warmupSteps: 10, decaySteps: 110 },
      { initValue: 0, peakValue: 0.5, warmupSteps: 0, decaySteps: 50, endValue: 0.1 },
    ]);
    // Cycle 1: t = 60 -> u = 50 of 100 -> 0.5; t = 109: 0.5 * (1 + cos(0.99 pi)) = 0.0002467198171342. Cycle 2 from 110: alpha = 0.2; t = 135: u = 25 of 50, cosine 0.5 ->
    // 0.5 * (0.8 * 0.5 + 0.2) = 0.3; t >= 160: 0.5 * 0.2 = 0.1.
    expectAt(s, [[5, 0.5], [60, 0.5], [109, 0.0002467198171342], [110, 0.5], [135, 0.3], [160, 0.1], [999, 0.1]]);
  });
});
