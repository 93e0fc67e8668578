import { describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/torch-plateau.json';
import { reduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau';

interface Case {
  name: string;
  trace: keyof typeof fixtures.traces;
  options: ReduceLROnPlateauOptions;
  lr: number[];
  best: number[];
  numBadEpochs: number[];
  cooldownCounter: number[];
}
const cases = fixtures.cases as Case[];

describe(`reduceLROnPlateau vs torch ${fixtures.torch} ReduceLROnPlateau`, () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const trace = fixtures.traces[c.trace];
    const plateau = reduceLROnPlateau(c.options);
    trace.forEach((metric, t) => {
      const lr = plateau.observe(metric);
      const state = plateau.stateDict();
      expect(lr, `${c.name} lr at ${t}`).toBeCloseTo(c.lr[t]!, 12);
      expect(plateau.current()).toBe(lr);
      expect(state.best, `best at ${t}`).toBe(c.best[t]);
      expect(state.numBadEpochs, `numBadEpochs at ${t}`).toBe(c.numBadEpochs[t]);
      expect(state.cooldownCounter, `cooldownCounter at ${t}`).toBe(c.cooldownCounter[t]);
      expect(state.lastEpoch).toBe(t + 1);
    });
    // The traces are chosen so that every case reduces the rate at least once.
    expect(Math.min(...c.lr)).toBeLessThan(c.options.lr);
  });

  it('resumes from a saved state exactly as if never interrupted', () => {
    for (const c of cases) {
      const trace = fixtures.traces[c.trace];
      const first = reduceLROnPlateau(c.options);
      const half = Math.floor(trace.length / 2);
      trace.slice(0, half).forEach((m) => first.observe(m));
      const resumed = reduceLROnPlateau(c.options);
      resumed.loadStateDict(first.stateDict());
      const lrs = trace.slice(half).map((m) => resumed.observe(m));
      expect(lrs, c.name).toEqual(c.lr.slice(half));
    }
  });
});

describe('reduceLROnPlateau by hand', () => {
  it('reduces after patience + 1 bad observations and waits out the cooldown', () => {
    // patience 1, cooldown 1, factor 0.5: metric 1 (best), 1 (bad 1), 1 (bad 2 > 1: lr 0.5, cooldown 1),
    // 1 (cooldown ticks to 0, bad reset), 1 (bad 1), 1 (bad 2: lr 0.25).
    const plateau = reduceLROnPlateau({ lr: 1, factor: 0.5, patience: 1, cooldown: 1 });
    expect([1, 1, 1, 1, 1, 1].map((m) => plateau.observe(m))).toEqual([1, 1, 0.5, 0.5, 0.5, 0.25]);
  });

  it('counts NaN as a bad observation, as torch does', () => {
    const plateau = reduceLROnPlateau({ lr: 1, factor: 0.5, patience: 0 });
    expect(plateau.observe(1)).toBe(1);
    expect(plateau.observe(Number.NaN)).toBe(0.5);
    expect(plateau.stateDict().best).toBe(1);
  });

  it('starts from +-Infinity and keeps it in its state', () => {
    expect(reduceLROnPlateau({ lr: 1 }).stateDict()).toEqual({
      lr: 1,
      best: Infinity,
      numBadEpochs: 0,
      cooldownCounter: 0,
      lastEpoch: 0,
    });
    expect(reduceLROnPlateau({ lr: 1, mode: 'max' }).stateDict().best).toBe(-Infinity);
  });

  it('rejects bad options naming them, when the factory is called', () => {
    expect(() => reduceLROnPlateau({ lr: -1 })).toThrow(new RangeError('lr must be a finite number >= 0, got -1'));
    expect(() => reduceLROnPlateau({ lr: 1, factor: 1 })).toThrow(/^factor must be in \(0, 1\), got 1$/);
    expect(() => reduceLROnPlateau({ lr: 1, mode: 'up' as never })).toThrow(/^mode must be one of 'min', 'max'/);
    expect(() => reduceLROnPlateau({ lr: 1, thresholdMode: 'x' as never })).toThrow(RangeError);
    expect(() => reduceLROnPlateau({ lr: 1, patience: 1.5 })).toThrow(/^patience/);
    expect(() => reduceLROnPlateau({ lr: 1, cooldown: -1 })).toThrow(/^cooldown/);
    expect(() => reduceLROnPlateau({ lr: 1, threshold: Number.NaN })).toThrow(/^threshold/);
    expect(() => reduceLROnPlateau({ lr: 1, minLr: -1 })).toThrow(/^minLr/);
    expect(() => reduceLROnPlateau({ lr: 1, eps: Infinity })).toThrow(/^eps/);
  });

  it('a failed observe or load changes nothing', () => {
    const plateau = reduceLROnPlateau({ lr: 1, patience: 0 });
    plateau.observe(1);
    const before = plateau.stateDict();
    expect(() => plateau.observe('0.5' as never)).toThrow(TypeError);
    expect(() => plateau.loadStateDict({ ...before, numBadEpochs: -1 })).toThrow(/^state.numBadEpochs/);
    expect(() => plateau.loadStateDict({ ...before, best: Number.NaN })).toThrow(/^state.best/);
    expect(() => plateau.loadStateDict({ ...before, lr: -0.1 })).toThrow(/^state.lr/);
    expect(plateau.stateDict()).toEqual(before);
  });
});
