import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { TensorMap, Transform } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import fixtures from './__fixtures__/optimizers-extra.json';

// Test-only helpers for the part-B fixtures (tools/fixtures/optimizers_extra.py). Not exported from the package.

/** A tensor in the fixture file. */
export interface FixtureTensor {
  shape: number[];
  values: number[];
}

/** A clipping case, checked against torch.nn.utils.clip_grad_norm_ / clip_grad_value_. */
export interface ClippingCase {
  kind: 'global' | 'perTensor' | 'value';
  maxNorm?: number;
  normType?: number | 'Infinity';
  clipValue?: number;
  grads: { [name: string]: FixtureTensor };
  expected: { [name: string]: number[] };
}

/** A trajectory of a named optimizer against the float64 reference. */
export interface TrajectoryCase {
  optimizer: string;
  options: { [option: string]: number | boolean };
  problem: 'fixed' | 'quadratic';
  steps: number;
  params: { [name: string]: FixtureTensor };
  grads?: { [name: string]: number[] }[];
  a?: { [name: string]: number[] };
  c?: { [name: string]: number[] };
  expected: { step: number; params: { [name: string]: number[] } }[];
}

export const clippingCases = fixtures.clipping as unknown as ClippingCase[];
export const trajectoryCases = fixtures.trajectories as unknown as TrajectoryCase[];

/** The fixture's tensors as a `TensorMap` (the caller owns them). */
export function toTensors(map: { [name: string]: FixtureTensor }): TensorMap {
  const out: TensorMap = {};
  for (const [name, { shape, values }] of Object.entries(map)) out[name] = tf.tensor(values, shape, 'float32');
  return out;
}

/** A short label for a case: `lion fixed {"learningRate":0.001}`. */
export function caseLabel(c: TrajectoryCase): string {
  return `${c.optimizer} ${c.problem} ${JSON.stringify(c.options)}`;
}

/**
 * Declares one test per torch clipping case of `kind`: `transform(case)` must reproduce torch's clipped gradients
 * without leaking. Used by the clipByGlobalNorm, clipByNorm and clipByValue tests.
 */
export function describeClippingCases(kind: ClippingCase['kind'], transform: (c: ClippingCase, normType: number | undefined) => Transform): void {
  const cases = clippingCases.filter((c) => c.kind === kind);
  it.each(cases.map((c, i) => [`${i}: ${c.maxNorm ?? c.clipValue} p=${c.normType ?? '-'}`, c] as const))('matches torch %s', async (_, c) => {
    const grads = toTensors(c.grads);
    const tx = transform(c, c.normType === 'Infinity' ? Infinity : c.normType);
    await expectNoLeaks(() => {
      const out = tf.tidy(() => tx.update(grads, tx.init(grads), grads).updates);
      for (const [name, expected] of Object.entries(c.expected)) expectClose(out[name]!, expected, { rtol: 1e-5, atol: 1e-7 }, name);
      tf.dispose(Object.values(out));
    });
    tf.dispose(Object.values(grads));
  });
}

let nextId = 0;

/**
 * Declares one test per trajectory case of `optimizer`: variables named uniquely in the tfjs engine, stepped with
 * `opt.applyGradients` (the `tf.Optimizer` interface) on the fixture's gradients (fixed sequences, some with a
 * variable missing, or the quadratic loss `0.5 sum a (p - c)^2`), compared with the float64 reference every few
 * steps within rtol 1e-4; the tensor count must be the same after the last step as after the first.
 */
export function describeTrajectories(optimizer: string, make: (options: never) => tf.Optimizer): void {
  const cases = trajectoryCases.filter((c) => c.optimizer === optimizer);
  it.each(cases.map((c) => [caseLabel(c), c] as const))('matches the float64 reference: %s', async (_, c) => {
    const id = nextId++;
    const vars: { [name: string]: tf.Variable } = tf.tidy(() => {
      const out: { [name: string]: tf.Variable } = {};
      for (const [name, t] of Object.entries(toTensors(c.params))) out[name] = tf.variable(t, true, `traj${id}/${c.optimizer}/${name}`);
      return out;
    });
    const constants = (m: { [name: string]: number[] } | undefined) =>
      Object.fromEntries(Object.entries(m ?? {}).map(([n, v]) => [n, tf.tensor(v, c.params[n]!.shape)]));
    const a = constants(c.a);
    const target = constants(c.c);
    const opt = make(c.options as never);
    let afterFirst = 0;
    let expectedIndex = 0;
    for (let step = 0; step < c.steps; step++) {
      const grads = tf.tidy(() => {
        const out: tf.NamedTensorMap = {};
        if (c.problem === 'quadratic') for (const [n, v] of Object.entries(vars)) out[v.name] = tf.mul(a[n]!, tf.sub(v, target[n]!));
        else for (const [n, g] of Object.entries(c.grads![step]!)) out[vars[n]!.name] = tf.tensor(g, c.params[n]!.shape);
        return out;
      });
      opt.applyGradients(grads);
      tf.dispose(Object.values(grads));
      if (step === 0) afterFirst = tf.memory().numTensors;
      const expected = c.expected[expectedIndex];
      if (expected?.step === step + 1) {
        for (const [n, values] of Object.entries(expected.params)) expectClose(vars[n]!, values, { rtol: 1e-4, atol: 1e-6 }, `${n} at step ${step + 1}`);
        expectedIndex++;
      }
    }
    expect(expectedIndex).toBe(c.expected.length);
    expect(tf.memory().numTensors, 'tensors after the last step vs after the first').toBe(afterFirst);
    opt.dispose();
    tf.dispose([...Object.values(vars), ...Object.values(a), ...Object.values(target)]);
  });
}

/**
 * The test file of a part-B named optimizer: its reference trajectories through `applyGradients` on every backend,
 * `instanceof tf.Optimizer`, and each `[options, optionName]` of `badOptions` throwing a RangeError naming it.
 */
export function describeNamedOptimizer(name: string, make: (options: never) => tf.Optimizer, badOptions: [object, string][]): void {
  forEachBackend(() => {
    describe(`${name} through tf.Optimizer.applyGradients`, () => describeTrajectories(name, make));
  });
  describe(`${name} options`, () => {
    it('is a tf.Optimizer', () => {
      const opt = make({ learningRate: 0.1 } as never);
      expect(opt).toBeInstanceOf(tf.Optimizer);
      opt.dispose();
    });
    it.each(badOptions.map(([options, option]) => [JSON.stringify(options), option, options] as const))(
      '%s: RangeError naming %s',
      (_, option, options) => {
        expect(() => make(options as never)).toThrow(RangeError);
        expect(() => make(options as never)).toThrow(new RegExp(`^${option} must be`));
      },
    );
  });
}
