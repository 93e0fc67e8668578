import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { prepareBackend } from './__fixtures__/harness';
import { calculateGain, computeFans, kaimingNormal, kaimingUniform, onesInit, orthogonal, xavierNormal, xavierUniform, zerosInit } from './initializers';

const stats = (t: tf.Tensor) => {
  const v = Array.from(t.dataSync());
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  return { mean, std, max: Math.max(...v.map(Math.abs)) };
};

describe('initializers', () => {
  it('fans and gains follow torch.nn.init', () => {
    expect(computeFans([16, 8, 3, 3])).toEqual({ fanIn: 72, fanOut: 144 });
    expect(calculateGain('leaky_relu', Math.sqrt(5))).toBeCloseTo(Math.sqrt(2 / 6), 12);
    expect(calculateGain('tanh')).toBeCloseTo(5 / 3, 12);
    expect(() => kaimingUniform({ mode: 'fan_in' as 'fanIn' })).toThrow(/mode/);
  });
  forEachBackend(() => {
    beforeAll(prepareBackend);
    it('have the documented bounds and standard deviations', async () => {
      await expectNoLeaks(() => {
        const shape = [64, 32, 3, 3]; // fanIn 288, fanOut 576
        const key = prngKey(5);
        const ku = kaimingUniform({ a: Math.sqrt(5) })(key, shape); // bound = sqrt(2/6) * sqrt(3/288) = 1/sqrt(288)
        expect(stats(ku).max).toBeLessThanOrEqual(1 / Math.sqrt(288) + 1e-7);
        expect(stats(ku).std).toBeCloseTo(1 / Math.sqrt(288) / Math.sqrt(3), 3);
        const kn = kaimingNormal({ mode: 'fanOut', nonlinearity: 'relu' })(key, shape); // std sqrt(2/576)
        expect(stats(kn).std).toBeCloseTo(Math.sqrt(2 / 576), 3);
        const xu = xavierUniform()(key, shape); // bound sqrt(6/864)
        expect(stats(xu).max).toBeLessThanOrEqual(Math.sqrt(6 / 864) + 1e-7);
        const xn = xavierNormal({ gain: 2 })(key, shape); // std 2 sqrt(2/864)
        expect(stats(xn).std).toBeCloseTo(2 * Math.sqrt(2 / 864), 3);
        const z = zerosInit()(key, [3]);
        const o = onesInit()(key, [3]);
        expectClose(z, [0, 0, 0]);
        expectClose(o, [1, 1, 1]);
        tf.dispose([ku, kn, xu, xn, z, o]);
      });
    });
    it('orthogonal gives orthonormal rows (Q Q^T = gain^2 I) for wide and tall shapes', async () => {
      await expectNoLeaks(() => {
        for (const shape of [[4, 6], [6, 2, 2]]) {
          const w = orthogonal({ gain: 2 })(prngKey(3), shape);
          const flat = tf.reshape(w, [shape[0]!, -1]);
          const small = flat.shape[0]! <= flat.shape[1]! ? tf.matMul(flat, flat, false, true) : tf.matMul(flat, flat, true, false);
          const eye = tf.tidy(() => tf.mul(tf.eye(small.shape[0]!), 4));
          expectClose(small, eye, { atol: 1e-4, rtol: 1e-4 }, `orthogonal ${shape}`);
          tf.dispose([w, flat, small, eye]);
        }
      });
    });
  });
});
