import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { smoothLabels, smoothSparseLabels } from './label-smoothing';

forEachBackend(() => {
  describe('label smoothing', () => {
    it('smooths one-hot and sparse targets to (1 - eps) y + eps / K (hand-derived)', async () => {
      await expectNoLeaks(() =>
        tf.tidy(() => {
          // K = 4, eps = 0.1: off-class 0.1 / 4 = 0.025, true class 0.9 + 0.025 = 0.925.
          expectClose(smoothLabels(tf.tensor([[0, 1, 0, 0]]), 0.1), [0.025, 0.925, 0.025, 0.025]);
          const sparse = smoothSparseLabels(tf.tensor([1, 3], undefined, 'int32'), 4, 0.1);
          expect(sparse.shape).toEqual([2, 4]);
          expectClose(sparse, [0.025, 0.925, 0.025, 0.025, 0.025, 0.025, 0.025, 0.925]);
          // Default eps 0.1 and eps 0 is the identity.
          expectClose(smoothLabels(tf.tensor([[1, 0]])), [0.95, 0.05]);
          expectClose(smoothLabels(tf.tensor([[0.3, 0.7]]), 0), [0.3, 0.7]);
        }),
      );
    });

    it('rejects bad smoothing, dtypes and out-of-range classes, naming them', () => {
      const oneHot = tf.tensor([[0, 1]]);
      const labels = tf.tensor([0, 2], undefined, 'int32');
      expect(() => smoothLabels(oneHot, 1.5)).toThrow(/smoothing must be in \[0, 1\]/);
      expect(() => smoothLabels(labels, 0.1)).toThrow(/smoothLabels: labels must be float32/);
      expect(() => smoothSparseLabels(labels, 2, 0.1)).toThrow(/labels\[1\] = 2 is outside \[0, 2\)/);
      expect(() => smoothSparseLabels(labels, 0, 0.1)).toThrow(/numClasses must be/);
      expect(() => smoothSparseLabels(oneHot, 2, 0.1)).toThrow(/must be int32/);
      tf.dispose([oneHot, labels]);
    });
  });
});
