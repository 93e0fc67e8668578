import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import type { TensorMap, Transform } from '@nnopt/core';
import { expectClose, expectNoLeaks } from '@nnopt/core/testing';
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
