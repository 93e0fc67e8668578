import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { scaleByParamBlockRms } from './scale-by-param-block-rms';
import { expectTransformContract, updatesOnce } from './transform-contract';

forEachBackend(() => {
  describe('scaleByParamBlockRms', () => {
    it('multiplies by max(RMS(p), minScale) (hand-derived)', async () => {
      await expectNoLeaks(() => {
        // RMS(3, 4) = 3.535534; a zero parameter gets the floor 1e-3.
        const params = { p: tf.tensor([3, 4]), zero: tf.zeros([2]) };
        const grads = { p: tf.tensor([1, -2]), zero: tf.tensor([1, -2]) };
        const out = updatesOnce(scaleByParamBlockRms(), grads, params);
        expectClose(out.p!, [3.535534, -7.071068], { rtol: 1e-6 }, 'p');
        expectClose(out.zero!, [1e-3, -2e-3], { rtol: 1e-6 }, 'zero');
        tf.dispose([...Object.values(params), ...Object.values(grads)]);
      });
    });

    it('keeps memory flat', async () => {
      await expectTransformContract(scaleByParamBlockRms());
    });
  });
});

describe('scaleByParamBlockRms options', () => {
  it('rejects a negative minScale', () => {
    expect(() => scaleByParamBlockRms({ minScale: -1 })).toThrow(/minScale/);
  });
});
