// Every PyTorch 1.13 scheduler against recorded torch.optim.lr_scheduler values (tools/fixtures/schedulers.py):
// s(t) must equal the learning rate PyTorch reports after t calls of scheduler.step(), for 1000 steps.
import { describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/torch-schedules.json';
import { chainedScheduler } from './chained-scheduler';
import { constantLR } from './constant-lr';
import { cosineAnnealingLR } from './cosine-annealing-lr';
import { cosineAnnealingWarmRestarts } from './cosine-annealing-warm-restarts';
import { cyclicLR, cyclicMomentum } from './cyclic-lr';
import { exponentialLR } from './exponential-lr';
import { lambdaLR } from './lambda-lr';
import { linearLR } from './linear-lr';
import { multiStepLR } from './multi-step-lr';
import { multiplicativeLR } from './multiplicative-lr';
import { oneCycleLR, oneCycleMomentum } from './one-cycle-lr';
import { polynomialLR } from './polynomial-lr';
import type { Schedule } from './schedule';
import { sequentialLR } from './sequential-lr';
import { stepLR } from './step-lr';
import { expectSeriesClose } from './testing';

/** The same lambdas as LAMBDAS in tools/fixtures/schedulers.py. */
const lambdas: Record<string, (t: number) => number> = {
  inverseTime: (t) => 1 / (1 + 0.01 * t),
  warmupThenDecay: (t) => Math.min(1, (t + 1) / 100) * 0.999 ** t,
  constant0995: () => 0.995,
  sawtooth: (t) => (t % 10 === 0 ? 0.98 : 1.001),
};

type Options = Record<string, unknown>;
const withLambda = (o: Options) => ({ ...o, lrLambda: lambdas[o.lrLambda as string]! });
const factories: Record<string, (o: Options) => Schedule> = {
  constantLR: (o) => constantLR(o as never),
  linearLR: (o) => linearLR(o as never),
  stepLR: (o) => stepLR(o as never),
  multiStepLR: (o) => multiStepLR(o as never),
  exponentialLR: (o) => exponentialLR(o as never),
  polynomialLR: (o) => polynomialLR(o as never),
  cosineAnnealingLR: (o) => cosineAnnealingLR(o as never),
  cosineAnnealingWarmRestarts: (o) => cosineAnnealingWarmRestarts(o as never),
  cyclicLR: (o) => cyclicLR(o as never),
  oneCycleLR: (o) => oneCycleLR(o as never),
  lambdaLR: (o) => lambdaLR(withLambda(o) as never),
  multiplicativeLR: (o) => multiplicativeLR(withLambda(o) as never),
};
const momentumFactories: Record<string, (o: Options) => Schedule> = {
  cyclicLR: (o) => cyclicMomentum(o as never),
  oneCycleLR: (o) => oneCycleMomentum(o as never),
};

interface Part {
  factory: string;
  options: Options;
}
interface Case {
  name: string;
  factory: string;
  options?: Options;
  lr: number[];
  momentum?: number[];
  schedules?: Part[];
  milestones?: number[];
}

function build(c: Case): Schedule {
  const part = ({ factory, options }: Part) => factories[factory]!(options);
  if (c.factory === 'sequentialLR') return sequentialLR(c.schedules!.map(part), c.milestones!);
  if (c.factory === 'chainedScheduler') {
    return chainedScheduler(c.schedules!.map(part), { lr: c.schedules![0]!.options.lr as number });
  }
  return part({ factory: c.factory, options: c.options! });
}

const cases = fixtures.cases as Case[];

describe(`torch.optim.lr_scheduler ${fixtures.torch} conformance`, () => {
  it('covers every PyTorch scheduler', () => {
    const covered = new Set(cases.map((c) => c.factory));
    for (const name of [...Object.keys(factories), 'sequentialLR', 'chainedScheduler']) {
      expect(covered.has(name), name).toBe(true);
    }
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: 1000 steps within 1e-6 relative', (_, c) => {
    expect(c.lr).toHaveLength(1000);
    expectSeriesClose(build(c), c.lr, c.name);
    if (c.momentum) expectSeriesClose(momentumFactories[c.factory]!(c.options!), c.momentum, `${c.name} momentum`);
  });
});
