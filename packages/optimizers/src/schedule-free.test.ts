import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { applyTransform, chain, mapTensors, stateTensors, type State, type Transform } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { scaleByAdam } from './scale-by-adam';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { scheduleFree } from './schedule-free';
import { expectTransformContract } from './transform-contract';

/** z-steps of -0.1 g: plain gradient descent as the base. */
const descent: Transform = { init: () => ({}), update: (u) => ({ updates: mapTensors(u, (g) => tf.mul(g, -0.1)), state: {} }) };

forEachBackend(() => {
  describe('scheduleFree', () => {
    it('averages the base iterates with weights lr^2 (hand-derived)', async () => {
      await expectNoLeaks(() => {
        const params = tf.tidy(() => ({ p: tf.variable(tf.tensor([1])) }));
        const tx = scheduleFree(descent, { learningRate: 0.1, beta1: 0.5 });
        let state: State = tx.init(params);
        const g = { p: tf.tensor([1]) };
        // x = y = z = 1. Step 1: z = 0.9, c = 1 -> x = 0.9, y = 0.5 x + 0.5 z = 0.9.
        // Step 2: z = 0.8, c = 1/2 -> x = 0.85, y = 0.825. Step 3: z = 0.7, c = 1/3 -> x = 0.8, y = 0.75.
        for (const expected of [0.9, 0.825, 0.75]) {
          state = applyTransform(tx, state, params, g);
          expectClose(params.p!, [expected], { rtol: 1e-6 }, 'y');
        }
        tf.dispose([...stateTensors(state), params.p!, g.p]);
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone', async () => {
      await expectTransformContract(scheduleFree(chain(scaleByAdam({ beta1: 0 }), scaleByLearningRate(0.1)), { learningRate: 0.1 }));
    });
  });
});

describe('scheduleFree options', () => {
  it('rejects bad options when the factory is called', () => {
    expect(() => scheduleFree(descent, { learningRate: 0.1, beta1: 0 })).toThrow(/beta1/);
    expect(() => scheduleFree(descent, { learningRate: -1 })).toThrow(/learningRate/);
    expect(() => scheduleFree(descent, { learningRate: 0.1, weightLrPower: -1 })).toThrow(/weightLrPower/);
  });
});
