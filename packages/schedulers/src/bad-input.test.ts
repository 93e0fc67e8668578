// Bad options throw a RangeError naming the option when the factory is called; bad steps throw when evaluated.
import { describe, expect, it } from 'vitest';
import { chainedScheduler } from './chained-scheduler';
import { constantLR } from './constant-lr';
import { cosineAnnealingLR } from './cosine-annealing-lr';
import { cosineAnnealingWarmRestarts } from './cosine-annealing-warm-restarts';
import { cosineDecay } from './cosine-decay';
import { cosineLR } from './cosine-lr';
import { cyclicLR, cyclicMomentum } from './cyclic-lr';
import { exponentialDecay } from './exponential-decay';
import { exponentialLR } from './exponential-lr';
import { joinSchedules } from './join-schedules';
import { lambdaLR } from './lambda-lr';
import { linearLR } from './linear-lr';
import { linearSchedule } from './linear-schedule';
import { multiStepLR } from './multi-step-lr';
import { multiplicativeLR } from './multiplicative-lr';
import { oneCycleLR, oneCycleMomentum } from './one-cycle-lr';
import { perEpoch } from './per-epoch';
import { piecewiseConstant } from './piecewise-constant';
import { piecewiseInterpolate } from './piecewise-interpolate';
import { polynomialLR } from './polynomial-lr';
import { sample } from './sample';
import type { Schedule } from './schedule';
import { sequentialLR } from './sequential-lr';
import { sgdr } from './sgdr';
import { stepLR } from './step-lr';
import { warmup } from './warmup';
import { warmupCosineDecay } from './warmup-cosine-decay';
import { warmupExponentialDecay } from './warmup-exponential-decay';

const cos = cosineAnnealingLR({ lr: 1, tMax: 10 });
const wcd = { initValue: 0, peakValue: 1, warmupSteps: 2, decaySteps: 10 };

/** [label, factory call, option named in the message]. */
const badOptions: ReadonlyArray<readonly [string, () => unknown, string]> = [
  ['negative lr', () => constantLR({ lr: -0.1 }), 'lr'],
  ['NaN lr', () => stepLR({ lr: Number.NaN, stepSize: 1 }), 'lr'],
  ['infinite lr', () => exponentialLR({ lr: Infinity, gamma: 0.9 }), 'lr'],
  ['factor > 1', () => constantLR({ lr: 1, factor: 1.5 }), 'factor'],
  ['non-integer totalIters', () => constantLR({ lr: 1, totalIters: 2.5 }), 'totalIters'],
  ['startFactor 0', () => linearLR({ lr: 1, startFactor: 0 }), 'startFactor'],
  ['endFactor < 0', () => linearLR({ lr: 1, endFactor: -0.1 }), 'endFactor'],
  ['totalIters 0', () => linearLR({ lr: 1, totalIters: 0 }), 'totalIters'],
  ['stepSize 0', () => stepLR({ lr: 1, stepSize: 0 }), 'stepSize'],
  ['gamma 0', () => stepLR({ lr: 1, stepSize: 1, gamma: 0 }), 'gamma'],
  ['gamma < 0', () => exponentialLR({ lr: 1, gamma: -0.5 }), 'gamma'],
  ['milestones not increasing', () => multiStepLR({ lr: 1, milestones: [10, 5] }), 'milestones'],
  ['milestones repeated', () => multiStepLR({ lr: 1, milestones: [5, 5] }), 'milestones'],
  ['milestone 0', () => multiStepLR({ lr: 1, milestones: [0, 5] }), 'milestones'],
  ['power < 0', () => polynomialLR({ lr: 1, power: -1 }), 'power'],
  ['tMax 0', () => cosineAnnealingLR({ lr: 1, tMax: 0 }), 'tMax'],
  ['tMax 0.5', () => cosineAnnealingLR({ lr: 1, tMax: 0.5 }), 'tMax'],
  ['etaMin < 0', () => cosineAnnealingLR({ lr: 1, tMax: 5, etaMin: -1 }), 'etaMin'],
  ['t0 0', () => cosineAnnealingWarmRestarts({ lr: 1, t0: 0 }), 't0'],
  ['tMult 1.5', () => cosineAnnealingWarmRestarts({ lr: 1, t0: 5, tMult: 1.5 }), 'tMult'],
  ['maxLr < 0', () => cyclicLR({ baseLr: 0.1, maxLr: -1 }), 'maxLr'],
  ['stepSizeUp 0', () => cyclicLR({ baseLr: 0.1, maxLr: 1, stepSizeUp: 0 }), 'stepSizeUp'],
  ['mode', () => cyclicLR({ baseLr: 0.1, maxLr: 1, mode: 'sine' as never }), 'mode'],
  ['scaleMode without scaleFn', () => cyclicLR({ baseLr: 0.1, maxLr: 1, scaleMode: 'cycle' }), 'scaleMode'],
  ['baseMomentum > 1', () => cyclicMomentum({ baseLr: 0.1, maxLr: 1, baseMomentum: 2 }), 'baseMomentum'],
  ['pctStart 0', () => oneCycleLR({ maxLr: 1, totalSteps: 100, pctStart: 0 }), 'pctStart'],
  ['pctStart 1', () => oneCycleLR({ maxLr: 1, totalSteps: 100, pctStart: 1 }), 'pctStart'],
  ['pctStart too small for totalSteps', () => oneCycleLR({ maxLr: 1, totalSteps: 3, pctStart: 0.3 }), 'pctStart'],
  ['pctStart too large for three phases', () => oneCycleLR({ maxLr: 1, totalSteps: 100, pctStart: 0.6, threePhase: true }), 'pctStart'],
  ['no totalSteps', () => oneCycleLR({ maxLr: 1 }), 'totalSteps'],
  ['epochs without stepsPerEpoch', () => oneCycleLR({ maxLr: 1, epochs: 3 }), 'stepsPerEpoch'],
  ['maxLr 0', () => oneCycleMomentum({ maxLr: 0, totalSteps: 10 }), 'maxLr'],
  ['annealStrategy', () => oneCycleLR({ maxLr: 1, totalSteps: 100, annealStrategy: 'exp' as never }), 'annealStrategy'],
  ['divFactor 0', () => oneCycleLR({ maxLr: 1, totalSteps: 100, divFactor: 0 }), 'divFactor'],
  ['lrLambda not a function', () => lambdaLR({ lr: 1, lrLambda: 2 as never }), 'lrLambda'],
  ['multiplicative lrLambda missing', () => multiplicativeLR({ lr: 1 } as never), 'lrLambda'],
  ['no schedules', () => sequentialLR([], []), 'schedules'],
  ['milestones count', () => sequentialLR([cos, cos], [3, 6]), 'milestones'],
  ['sequential milestones not increasing', () => sequentialLR([cos, cos, cos], [6, 3]), 'milestones'],
  ['boundaries negative', () => joinSchedules([cos, cos], [-1]), 'boundaries'],
  ['schedule not a function', () => joinSchedules([cos, 3 as never], [2]), 'schedules[1]'],
  ['chained lr 0', () => chainedScheduler([cos], { lr: 0 }), 'lr'],
  ['transitionSteps < 0', () => linearSchedule({ initValue: 0, endValue: 1, transitionSteps: -1 }), 'transitionSteps'],
  ['alpha > 1', () => cosineDecay({ initValue: 1, decaySteps: 5, alpha: 2 }), 'alpha'],
  ['decayRate 0', () => exponentialDecay({ initValue: 1, transitionSteps: 5, decayRate: 0 }), 'decayRate'],
  ['decaySteps <= warmupSteps', () => warmupCosineDecay({ ...wcd, decaySteps: 2 }), 'decaySteps'],
  ['endValue > peakValue', () => warmupCosineDecay({ ...wcd, endValue: 2 }), 'endValue'],
  ['negative initValue', () => warmupCosineDecay({ ...wcd, initValue: -1 }), 'initValue'],
  ['warmupSteps non-integer', () => warmupExponentialDecay({ ...wcd, warmupSteps: 1.5, transitionSteps: 2, decayRate: 0.5 }), 'warmupSteps'],
  ['sgdr empty', () => sgdr([]), 'cosineKwargs'],
  ['sgdr bad cycle', () => sgdr([wcd, { ...wcd, peakValue: -1 }]), 'peakValue'],
  ['negative scale', () => piecewiseConstant({ initValue: 1, boundariesAndScales: { 10: -0.5 } }), 'boundariesAndScales[10]'],
  ['non-integer boundary', () => piecewiseConstant({ initValue: 1, boundariesAndScales: { 1.5: 0.5 } }), 'boundariesAndScales keys'],
  ['interpolateType', () => piecewiseInterpolate({ interpolateType: 'cubic' as never, initValue: 1 }), 'interpolateType'],
  ['tInitial 0', () => cosineLR({ lr: 1, tInitial: 0 }), 'tInitial'],
  ['cycleMul 0', () => cosineLR({ lr: 1, tInitial: 5, cycleMul: 0 }), 'cycleMul'],
  ['cycleLimit 0', () => cosineLR({ lr: 1, tInitial: 5, cycleLimit: 0 }), 'cycleLimit'],
  ['noisePct 1', () => cosineLR({ lr: 1, tInitial: 5, noisePct: 1 }), 'noisePct'],
  ['noiseRangeT reversed', () => cosineLR({ lr: 1, tInitial: 5, noiseRangeT: [10, 5] }), 'noiseRangeT'],
  ['noiseSeed fractional', () => cosineLR({ lr: 1, tInitial: 5, noiseSeed: 0.5 }), 'noiseSeed'],
  ['kDecay 0', () => cosineLR({ lr: 1, tInitial: 5, kDecay: 0 }), 'kDecay'],
  ['stepsPerEpoch 0', () => perEpoch(cos, 0), 'stepsPerEpoch'],
  ['warmup steps negative', () => warmup(cos, -1), 'steps'],
  ['sample n fractional', () => sample(cos, 2.5), 'n'],
];

describe('bad options', () => {
  it.each(badOptions)('%s throws naming the option', (_, call, option) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error, 'expected a throw').toBeInstanceOf(Error);
    expect((error as Error).message.startsWith(`${option} must be`), (error as Error).message).toBe(true);
    if (!['lrLambda', 'schedules[1]'].includes(option)) expect(error).toBeInstanceOf(RangeError);
  });
});

const schedules: ReadonlyArray<readonly [string, Schedule]> = [
  ['constantLR', constantLR({ lr: 1 })],
  ['cosineAnnealingLR', cos],
  ['cosineAnnealingWarmRestarts', cosineAnnealingWarmRestarts({ lr: 1, t0: 3, tMult: 2 })],
  ['cyclicLR', cyclicLR({ baseLr: 0.1, maxLr: 1 })],
  ['oneCycleLR', oneCycleLR({ maxLr: 1, totalSteps: 100 })],
  ['multiplicativeLR', multiplicativeLR({ lr: 1, lrLambda: () => 0.9 })],
  ['sequentialLR', sequentialLR([cos, cos], [5])],
  ['warmupCosineDecay', warmupCosineDecay(wcd)],
  ['piecewiseInterpolate', piecewiseInterpolate({ interpolateType: 'linear', initValue: 1 })],
  ['cosineLR', cosineLR({ lr: 1, tInitial: 5, noiseRangeT: 0 })],
  ['perEpoch', perEpoch(cos, 3)],
  ['warmup', warmup(cos, 3)],
];

describe('bad steps', () => {
  it.each(schedules)('%s rejects negative, fractional and non-finite steps', (_, s) => {
    for (const step of [-1, 0.5, Number.NaN, Infinity]) {
      expect(() => s(step), String(step)).toThrow(new RangeError(`step must be an integer >= 0, got ${step}`));
    }
    expect(Number.isFinite(s(0))).toBe(true);
  });

  it('oneCycleLR is defined up to totalSteps, like PyTorch', () => {
    const s = oneCycleLR({ maxLr: 1, totalSteps: 100 });
    expect(Number.isFinite(s(100))).toBe(true);
    expect(() => s(101)).toThrow(/^step must be <= totalSteps \(100\)/);
  });
});
