import { describe, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { biasAdd } from './bias-add';
import { channelSum } from './channel-sum';

describe('channelSum and biasAdd', () => {
  forEachBackend(() => {
    it('channelSum equals the sum over every axis but the last, for ranks 1 (the input itself) to 4', () =>
      expectNoLeaks(() =>
        tf.tidy(() => {
          for (const shape of [[5], [7, 3], [2, 5, 4], [3, 6, 5, 8]]) {
            const x = tf.randomNormal(shape, 1, 2, 'float32', 7);
            const expected = shape.length === 1 ? x : tf.sum(x, shape.slice(0, -1).map((_, i) => i));
            expectClose(channelSum(x), expected, { rtol: 1e-5, atol: 1e-5 }, `[${shape}]`);
          }
        }),
      ));

    it('biasAdd adds over the last axis; its gradients are dy and the per-channel sum of dy', () =>
      expectNoLeaks(() =>
        tf.tidy(() => {
          const x = tf.randomNormal([2, 3, 4, 5], 0, 1, 'float32', 1);
          const bias = tf.randomNormal([5], 0, 1, 'float32', 2);
          const dy = tf.randomNormal([2, 3, 4, 5], 0, 1, 'float32', 3);
          expectClose(biasAdd(x, bias), tf.add(x, bias), { rtol: 1e-6, atol: 1e-6 });
          const [dx, db] = tf.grads((a: tf.Tensor, b: tf.Tensor) => biasAdd(a, b))([x, bias], dy);
          expectClose(dx!, dy, { rtol: 0, atol: 0 });
          expectClose(db!, tf.sum(dy, [0, 1, 2]), { rtol: 1e-5, atol: 1e-5 });
        }),
      ));
  });
});
