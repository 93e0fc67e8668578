import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { stateTensors } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { scaleByFactoredRms } from './scale-by-factored-rms';
import { expectTransformContract, updatesOnce } from './transform-contract';

// Multi-step numbers (factored and not, rank 3, decay schedule) are checked by the adafactor trajectories against the
// float64 reference in adafactor.test.ts.
forEachBackend(() => {
  describe('scaleByFactoredRms', () => {
    it('factors a matrix into row and column statistics (hand-derived first step)', async () => {
      await expectNoLeaks(() => {
        const tx = scaleByFactoredRms({ minDimSizeToFactor: 2 });
        const g = tf.tensor([[1, 2], [3, 4]]);
        const state = tx.init({ g });
        // Equal dims: d1 = 0, d0 = 1. Step 1 has beta2 = 1 - 1^-0.8 = 0, so R = mean over columns of g^2 =
        // (2.5, 12.5), C = mean over rows = (5, 10); V = R C / mean(R) = [[5/3, 10/3], [25/3, 50/3]] and
        // u = g / sqrt(V) = (0.774597, 1.095445, 1.039230, 0.979796).
        expect(state.vRow.g!.shape).toEqual([2]);
        expect(state.vCol.g!.shape).toEqual([2]);
        expect(state.v.g).toBeUndefined();
        expectClose(updatesOnce(tx, { g }, { g }, state).g!, [0.774597, 1.095445, 1.03923, 0.979796], { rtol: 1e-5 });
        // Not factored (dims below 128 by default): beta2 = 0 gives u = g / |g| = sign(g).
        expectClose(updatesOnce(scaleByFactoredRms(), { g }).g!, [1, 1, 1, 1], { rtol: 1e-6 });
        tf.dispose([g, ...stateTensors(state)]);
      });
    });

    it('keeps m + n statistics for a large matrix', async () => {
      await expectNoLeaks(() => {
        const w = tf.zeros([130, 200]);
        const state = scaleByFactoredRms().init({ w });
        expect([state.vRow.w!.shape, state.vCol.w!.shape]).toEqual([[130], [200]]);
        tf.dispose([w, ...stateTensors(state)]);
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone', async () => {
      await expectTransformContract(scaleByFactoredRms({ minDimSizeToFactor: 2 }));
    });
  });
});

describe('scaleByFactoredRms options', () => {
  it('rejects bad options when the factory is called', () => {
    expect(() => scaleByFactoredRms({ decayRate: 0 })).toThrow(/decayRate/);
    expect(() => scaleByFactoredRms({ minDimSizeToFactor: 0 })).toThrow(/minDimSizeToFactor/);
    expect(() => scaleByFactoredRms({ stepOffset: 1.5 })).toThrow(/stepOffset/);
    expect(() => scaleByFactoredRms({ epsilon: -1 })).toThrow(/epsilon/);
  });
});
