import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { gaussianDropout } from './gaussian-dropout';

forEachBackend(() => {
  describe('gaussianDropout', () => {
    it('multiplies by N(1, rate/(1-rate)) noise: sample mean and sd within 3 sigma over 20k draws', async () => {
      const n = 20_000;
      const rate = 0.2;
      const x = tf.fill([n], 3);
      await expectNoLeaks(() => {
        const y = gaussianDropout(x, { rate, key: prngKey(5), training: true });
        const noise = Array.from(y.dataSync(), (v) => v / 3);
        y.dispose();
        const mean = noise.reduce((a, b) => a + b, 0) / n;
        const sd = Math.sqrt(noise.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
        const expectedSd = Math.sqrt(rate / (1 - rate)); // 0.5
        expect(Math.abs(mean - 1)).toBeLessThan((3 * expectedSd) / Math.sqrt(n));
        // sd of the sample sd of a normal: sigma / sqrt(2 (n - 1)).
        expect(Math.abs(sd - expectedSd)).toBeLessThan((3 * expectedSd) / Math.sqrt(2 * (n - 1)));
      });
      await expectFlatMemory(() => tf.dispose(gaussianDropout(x, { rate, key: prngKey(5), training: true })));
      x.dispose();
    });

    it('is the identity in evaluation; rate must be < 1', () => {
      const x = tf.ones([4]);
      expect(gaussianDropout(x, { rate: 0.5, training: false })).toBe(x);
      expect(() => gaussianDropout(x, { rate: 1, key: prngKey(0), training: true })).toThrow(/rate must be in \[0, 1\)/);
      x.dispose();
    });
  });
});
