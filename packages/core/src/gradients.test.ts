import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { forEachBackend, expectClose, expectNoLeaks } from './testing';

forEachBackend(() => {
  describe('ensureGradients', () => {
    it('lets tf.grad differentiate through tfjs-core ops', async () => {
      await expectNoLeaks(() => {
        const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.square(x), tf.sigmoid(x))));
        const x = tf.tensor1d([-1, 0.5, 2]);
        const dx = g(x);
        // d/dx x^2 s(x) = 2x s(x) + x^2 s(x)(1 - s(x))
        const s = (v: number) => 1 / (1 + Math.exp(-v));
        expectClose(dx, [-1, 0.5, 2].map((v) => 2 * v * s(v) + v * v * s(v) * (1 - s(v))), { rtol: 1e-5 });
        tf.dispose([x, dx]);
      });
      expect(tf.getGradient('Conv2D')).toBeDefined();
    });
  });
});
