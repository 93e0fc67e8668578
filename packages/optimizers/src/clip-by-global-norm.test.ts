import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { applyTransform, type TensorMap } from '@nnopt/core';
import { expectClose, expectFlatMemory, forEachBackend } from '@nnopt/core/testing';
import { clipByGlobalNorm } from './clip-by-global-norm';
import { describeClippingCases } from './fixture-extra';

forEachBackend(() => {
  describe('clipByGlobalNorm (torch.nn.utils.clip_grad_norm_)', () => {
    describeClippingCases('global', (c, normType) => clipByGlobalNorm({ maxNorm: c.maxNorm!, normType }));

    it('norms only the tensors that have a gradient, and keeps memory flat under applyTransform', async () => {
      const params = { a: tf.variable(tf.zeros([2])), b: tf.variable(tf.zeros([2])) };
      const tx = clipByGlobalNorm({ maxNorm: 1 });
      const state = tx.init(params);
      // ||(3, 4)|| = 5 -> coefficient 1 / (5 + 1e-6), applied 3 times; b has no gradient and stays 0.
      const grads: TensorMap = { a: tf.tensor([3, 4]) };
      await expectFlatMemory(() => applyTransform(tx, state, params, grads), { warmup: 1, steps: 2 });
      expectClose(params.a, [(3 * 3) / 5.000001, (3 * 4) / 5.000001], { rtol: 1e-6 }, 'a');
      expectClose(params.b, [0, 0], {}, 'b');
      tf.dispose([params.a, params.b, grads.a!]);
    });

    it('returns no updates for no gradients', () => {
      expect(clipByGlobalNorm({ maxNorm: 1 }).update({}, {}, {}).updates).toEqual({});
    });
  });
});

describe('clipByGlobalNorm options', () => {
  it('rejects bad options when the factory is called', () => {
    expect(() => clipByGlobalNorm({ maxNorm: -1 })).toThrow(/maxNorm/);
    expect(() => clipByGlobalNorm({ maxNorm: 1, normType: 0 })).toThrow(RangeError);
    expect(() => clipByGlobalNorm({ maxNorm: 1, normType: Number.NaN })).toThrow(/normType/);
  });
});
