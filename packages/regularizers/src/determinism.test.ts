import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { normalValues, prngKey, useBackend, type PRNGKey } from '@nnopt/core';
import { testBackends } from '@nnopt/core/testing';
import { alphaDropout } from './alpha-dropout';
import { dropBlock } from './drop-block';
import { dropPath } from './drop-path';
import { dropout } from './dropout';
import { gaussianDropout } from './gaussian-dropout';
import { spatialDropout2d } from './spatial-dropout2d';

// Every op of the dropout family, on a fixed NHWC input; masks come from core's host-side Threefry.
const ops: [string, (x: tf.Tensor4D, key: PRNGKey) => tf.Tensor][] = [
  ['dropout', (x, key) => dropout(x, { rate: 0.3, key, training: true })],
  ['spatialDropout2d', (x, key) => spatialDropout2d(x, { rate: 0.3, key, training: true })],
  ['gaussianDropout', (x, key) => gaussianDropout(x, { rate: 0.3, key, training: true })],
  ['alphaDropout', (x, key) => alphaDropout(x, { rate: 0.3, key, training: true })],
  ['dropPath', (x, key) => dropPath(x, { rate: 0.5, key, training: true })],
  ['dropBlock', (x, key) => dropBlock(x, { rate: 0.3, blockSize: 3, key, training: true })],
];

async function runOn(backend: string, seed: number): Promise<Record<string, Float32Array>> {
  tf.env().set('IS_TEST', true);
  await useBackend(backend as 'cpu', { log: () => {} });
  const out: Record<string, Float32Array> = {};
  const before = tf.memory().numTensors;
  const x = tf.tensor(normalValues(prngKey(1), 8 * 6 * 6 * 4), [8, 6, 6, 4]) as tf.Tensor4D;
  for (const [name, op] of ops) {
    const y = op(x, prngKey(seed));
    out[name] = y.dataSync() as Float32Array;
    y.dispose();
  }
  x.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe('dropout family determinism', () => {
  it('the same key gives the same output on every test backend; another key another output', async () => {
    const [first, ...rest] = testBackends();
    const reference = await runOn(first!, 42);
    for (const backend of rest) {
      const other = await runOn(backend, 42);
      for (const [name] of ops) {
        const a = reference[name]!;
        const b = other[name]!;
        // Same mask exactly (zeros in the same places); values equal up to float rounding of the kernels.
        expect(Array.from(b, (v) => v === 0), `${name} on ${backend}`).toEqual(Array.from(a, (v) => v === 0));
        for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!), `${name}[${i}] on ${backend}`).toBeLessThan(1e-5);
      }
    }
    const otherSeed = await runOn(first!, 43);
    for (const [name] of ops) expect(otherSeed[name], name).not.toEqual(reference[name]);
  });
});
