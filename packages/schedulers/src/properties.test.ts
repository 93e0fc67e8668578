// Property tests: for random valid options and steps, every schedule is finite and inside its documented range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantLR } from './constant-lr';
import { cosineAnnealingLR } from './cosine-annealing-lr';
import { cosineAnnealingWarmRestarts } from './cosine-annealing-warm-restarts';
import { cosineLR } from './cosine-lr';
import { cyclicLR, cyclicMomentum } from './cyclic-lr';
import { exponentialLR } from './exponential-lr';
import { linearLR } from './linear-lr';
import { multiStepLR } from './multi-step-lr';
import { multiplicativeLR } from './multiplicative-lr';
import { oneCycleLR, oneCycleMomentum } from './one-cycle-lr';
import { piecewiseConstant } from './piecewise-constant';
import { piecewiseInterpolate } from './piecewise-interpolate';
import { polynomialLR } from './polynomial-lr';
import type { Schedule } from './schedule';
import { sequentialLR } from './sequential-lr';
import { stepLR } from './step-lr';
import { warmupCosineDecay } from './warmup-cosine-decay';
import { warmupExponentialDecay } from './warmup-exponential-decay';

const RUNS = { numRuns: 200 };
const lr = fc.double({ min: 0, max: 10, noNaN: true });
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const decay = fc.double({ min: 1e-3, max: 1, noNaN: true });
const steps = fc.integer({ min: 1, max: 5000 });
const step = fc.integer({ min: 0, max: 1_000_000 });

/** `lo <= s(t) <= hi` up to rounding, and finite. */
function expectIn(s: Schedule, t: number, lo: number, hi: number) {
  const v = s(t);
  const slack = 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi));
  expect(Number.isFinite(v), `s(${t}) = ${v}`).toBe(true);
  expect(v, `s(${t})`).toBeGreaterThanOrEqual(lo - slack);
  expect(v, `s(${t})`).toBeLessThanOrEqual(hi + slack);
}

const between = (a: number, b: number) => [Math.min(a, b), Math.max(a, b)] as const;

describe('schedules stay finite and in their documented range', () => {
  it('constantLR in [lr * factor, lr]', () => {
    fc.assert(fc.property(lr, unit, steps, step, (l, factor, totalIters, t) => {
      expectIn(constantLR({ lr: l, factor, totalIters }), t, l * factor, l);
    }), RUNS);
  });

  it('linearLR between lr * startFactor and lr * endFactor', () => {
    fc.assert(fc.property(lr, decay, unit, steps, step, (l, startFactor, endFactor, totalIters, t) => {
      expectIn(linearLR({ lr: l, startFactor, endFactor, totalIters }), t, ...between(l * startFactor, l * endFactor));
    }), RUNS);
  });

  it('stepLR, multiStepLR, exponentialLR, polynomialLR in [0, lr] when decaying', () => {
    fc.assert(fc.property(lr, decay, steps, step, (l, gamma, n, t) => {
      expectIn(stepLR({ lr: l, stepSize: n, gamma }), t, 0, l);
      expectIn(multiStepLR({ lr: l, milestones: [n, n + 7, 2 * n + 7], gamma }), t, 0, l);
      expectIn(exponentialLR({ lr: l, gamma }), t, 0, l);
      expectIn(polynomialLR({ lr: l, totalIters: n, power: gamma * 5 }), t, 0, l);
    }), RUNS);
  });

  it('cosineAnnealingLR and cosineAnnealingWarmRestarts between etaMin and lr', () => {
    fc.assert(fc.property(lr, lr, steps, fc.integer({ min: 1, max: 4 }), step, (l, etaMin, n, tMult, t) => {
      expectIn(cosineAnnealingLR({ lr: l, tMax: n, etaMin }), t, ...between(l, etaMin));
      expectIn(cosineAnnealingWarmRestarts({ lr: l, t0: n, tMult, etaMin }), t, ...between(l, etaMin));
    }), RUNS);
  });

  it('cyclicLR between baseLr and maxLr, cyclicMomentum between its momenta', () => {
    const mode = fc.constantFrom('triangular', 'triangular2', 'exp_range') as fc.Arbitrary<'triangular'>;
    fc.assert(fc.property(lr, lr, steps, steps, mode, decay, unit, unit, step, (a, b, up, down, m, gamma, bm, mm, t) => {
      const o = { baseLr: a, maxLr: b, stepSizeUp: up, stepSizeDown: down, mode: m, gamma, baseMomentum: bm, maxMomentum: mm };
      expectIn(cyclicLR(o), t, ...between(a, b));
      expectIn(cyclicMomentum(o), t, ...between(bm, mm));
    }), RUNS);
  });

  it('oneCycleLR in [maxLr / divFactor / finalDivFactor, maxLr] before totalSteps; momentum between its bounds', () => {
    fc.assert(fc.property(
      fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.integer({ min: 20, max: 5000 }), fc.double({ min: 0.1, max: 0.45, noNaN: true }),
      fc.boolean(), fc.constantFrom('cos', 'linear') as fc.Arbitrary<'cos'>, fc.double({ min: 0, max: 1, noNaN: true }), unit, unit,
      (maxLr, totalSteps, pctStart, threePhase, annealStrategy, at, bm, mm) => {
        const o = { maxLr, totalSteps, pctStart, threePhase, annealStrategy, baseMomentum: bm, maxMomentum: mm };
        const t = Math.min(totalSteps - 1, Math.floor(at * totalSteps));
        expectIn(oneCycleLR(o), t, maxLr / 25 / 1e4, maxLr);
        expectIn(oneCycleMomentum(o), t, ...between(bm, mm));
      }), RUNS);
  });

  it('multiplicativeLR in [0, lr] for factors in (0, 1]', () => {
    fc.assert(fc.property(lr, decay, fc.integer({ min: 0, max: 5000 }), (l, f, t) => {
      expectIn(multiplicativeLR({ lr: l, lrLambda: (k) => (k % 3 === 0 ? f : 1) }), t, 0, l);
    }), RUNS);
  });

  it('sequentialLR of a warmup and a cosine in [lr * startFactor, lr]', () => {
    fc.assert(fc.property(lr, decay, steps, steps, step, (l, startFactor, w, n, t) => {
      const s = sequentialLR([linearLR({ lr: l, startFactor, totalIters: w }), cosineAnnealingLR({ lr: l, tMax: n })], [w]);
      expectIn(s, t, 0, l);
    }), RUNS);
  });

  it('warmupCosineDecay in [min(init, end), max(init, peak)]; warmupExponentialDecay in [0, max(init, peak)]', () => {
    fc.assert(fc.property(lr, lr, unit, fc.integer({ min: 0, max: 500 }), steps, decay, step, (init, peak, endFrac, w, d, rate, t) => {
      const endValue = peak * endFrac;
      const s = warmupCosineDecay({ initValue: init, peakValue: peak, warmupSteps: w, decaySteps: w + d, endValue });
      expectIn(s, t, Math.min(init, endValue), Math.max(init, peak));
      const e = warmupExponentialDecay({ initValue: init, peakValue: peak, warmupSteps: w, transitionSteps: d, decayRate: rate });
      expectIn(e, t, 0, Math.max(init, peak));
    }), RUNS);
  });

  it('piecewiseConstant in [0, init] for scales <= 1; piecewiseInterpolate between its knots', () => {
    fc.assert(fc.property(lr, fc.dictionary(fc.integer({ min: 0, max: 5000 }).map(String), unit, { maxKeys: 5 }), step, (init, table, t) => {
      const boundariesAndScales = Object.fromEntries(Object.entries(table).map(([k, v]) => [Number(k), v]));
      expectIn(piecewiseConstant({ initValue: init, boundariesAndScales }), t, 0, init);
      for (const interpolateType of ['linear', 'cosine'] as const) {
        expectIn(piecewiseInterpolate({ interpolateType, initValue: init, boundariesAndScales }), t, 0, init);
      }
    }), RUNS);
  });

  it('cosineLR (timm) within its documented range, noise included', () => {
    fc.assert(fc.property(
      lr, unit, steps, fc.double({ min: 0.3, max: 3, noNaN: true }), decay, fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 100 }), unit, fc.boolean(), fc.double({ min: 0.01, max: 0.9, noNaN: true }), step,
      (l, minFrac, tInitial, cycleMul, cycleDecay, cycleLimit, warmupT, initFrac, warmupPrefix, noisePct, t) => {
        const lrMin = l * minFrac;
        const warmupLrInit = l * initFrac;
        const s = cosineLR({ lr: l, tInitial, lrMin, cycleMul, cycleDecay, cycleLimit, warmupT, warmupLrInit, warmupPrefix, noiseRangeT: 0, noisePct });
        const lo = Math.min(lrMin, warmupLrInit, l * cycleDecay ** (cycleLimit - 1));
        const hi = Math.max(l, warmupLrInit, lrMin);
        expectIn(s, t, lo * (1 - noisePct), hi * (1 + noisePct));
      }), RUNS);
  });
});
