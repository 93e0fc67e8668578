// Helpers and equivalences between schedules (instead of duplicated numbers).
import { describe, expect, it } from 'vitest';
import { cosineAnnealingLR } from './cosine-annealing-lr';
import { cosineAnnealingWarmRestarts } from './cosine-annealing-warm-restarts';
import { cosineDecay } from './cosine-decay';
import { cosineLR } from './cosine-lr';
import { cyclicLR } from './cyclic-lr';
import { exponentialLR } from './exponential-lr';
import { lambdaLR } from './lambda-lr';
import { multiplicativeLR } from './multiplicative-lr';
import { perEpoch } from './per-epoch';
import { sample } from './sample';
import { stepLR } from './step-lr';
import { warmup } from './warmup';

describe('sample', () => {
  it('returns s(0..n-1)', () => {
    // cos(pi * t / 4) for t = 0..4: 1, sqrt(2)/2, 0, -sqrt(2)/2, -1 -> (1 + c) / 2.
    const values = sample(cosineAnnealingLR({ lr: 1, tMax: 4 }), 5);
    expect(values).toHaveLength(5);
    [1, 0.8535533905932737, 0.5, 0.14644660940672627, 0].forEach((v, t) => expect(values[t]).toBeCloseTo(v, 15));
    expect(sample(cosineAnnealingLR({ lr: 1, tMax: 4 }), 0)).toEqual([]);
  });
});

describe('perEpoch', () => {
  it('holds each epoch value for stepsPerEpoch steps', () => {
    // stepLR per epoch: epochs 0-1 -> 1, 2-3 -> 0.1; with 3 steps per epoch, steps 0-5 -> 1, 6-11 -> 0.1.
    const s = perEpoch(stepLR({ lr: 1, stepSize: 2 }), 3);
    expect(sample(s, 13).map((v) => Math.round(v * 1000) / 1000)).toEqual([1, 1, 1, 1, 1, 1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.01]);
  });
});

describe('warmup', () => {
  it('scales the schedule by t / steps until steps', () => {
    const base = exponentialLR({ lr: 1, gamma: 0.5 });
    // t = 0: 0; t = 1: 0.5 * 1/2 = 0.25; t = 2: 0.25 * 1 = 0.25; t = 3: 0.125.
    expect(sample(warmup(base, 2), 4)).toEqual([0, 0.25, 0.25, 0.125]);
    expect(sample(warmup(base, 0), 4)).toEqual(sample(base, 4));
  });
});

describe('equivalences', () => {
  it('multiplicativeLR with a constant factor is exponentialLR, in any evaluation order', () => {
    const m = multiplicativeLR({ lr: 0.1, lrLambda: () => 0.95 });
    const e = exponentialLR({ lr: 0.1, gamma: 0.95 });
    for (const t of [500, 3, 0, 999, 250]) expect(m(t)).toBeCloseTo(e(t), 15);
  });

  it('lambdaLR with gamma^t is exponentialLR', () => {
    expect(sample(lambdaLR({ lr: 0.3, lrLambda: (t) => 0.9 ** t }), 50)).toEqual(sample(exponentialLR({ lr: 0.3, gamma: 0.9 }), 50));
  });

  it('cosineAnnealingWarmRestarts matches PyTorch recursion far past the fixtures', () => {
    // PyTorch: T_cur += 1; if T_cur >= T_i: T_cur -= T_i, T_i *= T_mult.
    for (const [t0, tMult] of [[1, 2], [3, 3], [7, 2], [2, 5]] as const) {
      const s = cosineAnnealingWarmRestarts({ lr: 1, t0, tMult });
      let tCur = 0;
      let tI = t0;
      for (let t = 0; t < 200_000; t += 1) {
        if (t > 0) {
          tCur += 1;
          if (tCur >= tI) {
            tCur -= tI;
            tI *= tMult;
          }
        }
        if (t % 97 === 0 || tCur === 0) expect(s(t), `t0 ${t0} tMult ${tMult} t ${t}`).toBe((1 + Math.cos((Math.PI * tCur) / tI)) / 2);
      }
    }
  });

  it('timm cosineLR with one cycle is optax cosineDecay', () => {
    const timm = cosineLR({ lr: 0.5, tInitial: 100, lrMin: 0.05 });
    const optax = cosineDecay({ initValue: 0.5, decaySteps: 100, alpha: 0.1 });
    for (let t = 0; t <= 100; t += 1) expect(timm(t)).toBeCloseTo(optax(t), 14);
  });

  it('cyclicLR with a custom scaleFn equals the built-in policy', () => {
    const o = { baseLr: 0.1, maxLr: 1, stepSizeUp: 5, stepSizeDown: 3 };
    expect(sample(cyclicLR({ ...o, scaleFn: (c) => 0.5 ** (c - 1) }), 40)).toEqual(
      sample(cyclicLR({ ...o, mode: 'triangular2' }), 40),
    );
    expect(sample(cyclicLR({ ...o, scaleFn: (t) => 0.99 ** t, scaleMode: 'iterations' }), 40)).toEqual(
      sample(cyclicLR({ ...o, mode: 'exp_range', gamma: 0.99 }), 40),
    );
  });
});
