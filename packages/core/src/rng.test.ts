import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { bernoulli, foldIn, normal, normalValues, permutation, prngKey, split, threefry2x32, uniform, uniformValues } from './rng';
import { expectNoLeaks, forEachBackend } from './testing';

describe('threefry2x32', () => {
  // Known-answer vectors of the Random123 reference implementation (threefry2x32, 20 rounds).
  const kat: [key: [number, number], counter: [number, number], expected: [number, number]][] = [
    [[0, 0], [0, 0], [0x6b200159, 0x99ba4efe]],
    [[0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x1cb996fc, 0xbb002be7]],
    [[0x13198a2e, 0x03707344], [0x243f6a88, 0x85a308d3], [0xc4923a9c, 0x483df7a0]],
  ];
  it.each(kat)('key %j counter %j', (key, counter, expected) => {
    const x0 = Uint32Array.of(counter[0]);
    const x1 = Uint32Array.of(counter[1]);
    threefry2x32(key, x0, x1);
    expect([x0[0], x1[0]]).toEqual(expected);
  });
});

describe('keys', () => {
  it('prngKey splits a seed into high and low words', () => {
    expect(prngKey(42)).toEqual([0, 42]);
    expect(prngKey(2 ** 32 + 7)).toEqual([1, 7]);
    expect(() => prngKey(-1)).toThrow(RangeError);
    expect(() => prngKey(1.5)).toThrow(/seed/);
  });

  it('split and foldIn are deterministic and give distinct keys', () => {
    const key = prngKey(0);
    const [a, b] = split(key);
    expect(split(key)).toEqual([a, b]);
    expect(a).not.toEqual(b);
    expect(foldIn(key, 1)).toEqual(foldIn(key, 1));
    expect(foldIn(key, 1)).not.toEqual(foldIn(key, 2));
    const many = split(key, 100).map((k) => k.join());
    expect(new Set(many).size).toBe(100);
  });
});

describe('host samplers', () => {
  it('uniformValues lie in [0, 1) with mean 1/2 and variance 1/12', () => {
    const u = uniformValues(prngKey(1), 100_000);
    let sum = 0;
    let sq = 0;
    for (const v of u) {
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
      sq += v * v;
    }
    const mean = sum / u.length;
    // 5 sigma bounds: sd of the mean is sqrt(1/12 / n).
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / u.length));
    expect(Math.abs(sq / u.length - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('normalValues have mean 0 and variance 1', () => {
    const z = normalValues(prngKey(2), 100_001);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(z.length));
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    expect(z.every(Number.isFinite)).toBe(true);
  });

  it('permutation is a permutation and depends on the key', () => {
    const p = permutation(prngKey(3), 1000);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...permutation(prngKey(4), 1000)]).not.toEqual([...p]);
  });
});

// Bits are made on the host, so every backend must see exactly the same values for a seed.
const seen = new Map<string, number[][]>();

forEachBackend((backend) => {
  it(`tensor samplers on ${backend} have the right shapes and leak nothing`, async () => {
    await expectNoLeaks(() => {
      const u = uniform(prngKey(7), [2, 3], -1, 1);
      const n = normal(prngKey(7), [5], 2, 0.5);
      const b = bernoulli(prngKey(7), 0.3, [64]);
      expect(u.shape).toEqual([2, 3]);
      seen.set(backend, [u, n, b].map((t) => Array.from(t.dataSync())));
      tf.dispose([u, n, b]);
    });
  });
});

describe('across backends', () => {
  it('the same seed gives bit-identical tensors on every backend', () => {
    const runs = [...seen.values()];
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs.slice(1)) expect(run).toEqual(runs[0]);
  });
});
