import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { centralize } from './centralize';
import { expectTransformContract, updatesOnce } from './transform-contract';

forEachBackend(() => {
  describe('centralize', () => {
    it('removes the mean over all but the output axis (hand-derived)', async () => {
      await expectNoLeaks(() => {
        const grads = { kernel: tf.tensor([[1, 2, 3], [5, 6, 10]]), bias: tf.tensor([1, 2, 3]) };
        // axis -1 (tfjs [in, out]): column means (3, 4, 6.5).
        const last = updatesOnce(centralize(), grads);
        expectClose(last.kernel!, [-2, -2, -3.5, 2, 2, 3.5], { rtol: 1e-6 }, 'axis -1');
        expectClose(last.bias!, [1, 2, 3], {}, 'bias passes');
        // axis 0 (torch [out, in]): row means (2, 7).
        expectClose(updatesOnce(centralize({ axis: 0 }), grads).kernel!, [-1, 0, 1, -2, -1, 3], { rtol: 1e-6 }, 'axis 0');
        // rank 3: keep the last axis, mean over the first two: means (2.5, 3.5) of (1, 3, 2, 4), (2, 4, 3, 5).
        const conv = tf.tensor([1, 2, 3, 4, 2, 3, 4, 5], [2, 2, 2]);
        expectClose(updatesOnce(centralize(), { conv }).conv!, [-1.5, -1.5, 0.5, 0.5, -0.5, -0.5, 1.5, 1.5], { rtol: 1e-6 }, 'rank 3');
        tf.dispose([conv, ...Object.values(grads)]);
      });
    });

    it('throws naming the variable when the axis is out of range', async () => {
      await expectNoLeaks(() => {
        const g = tf.zeros([2, 2]);
        expect(() => updatesOnce(centralize({ axis: 5 }), { kernel: g })).toThrow(/kernel/);
        g.dispose();
      });
    });

    it('keeps memory flat', async () => {
      await expectTransformContract(centralize());
    });
  });
});

describe('centralize options', () => {
  it('rejects a non-integer axis', () => {
    expect(() => centralize({ axis: 0.5 })).toThrow(/axis/);
  });
});
