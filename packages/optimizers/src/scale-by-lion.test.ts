import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { stateTensors } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { scaleByLion } from './scale-by-lion';
import { expectTransformContract } from './transform-contract';

forEachBackend(() => {
  describe('scaleByLion', () => {
    it('follows the paper on a hand-derived two-step case', async () => {
      await expectNoLeaks(() => {
        const tx = scaleByLion();
        const params = { p: tf.zeros([3]) };
        let state = tx.init(params);
        // step 1: g = (1, -2, 0), m = 0: u = sign(0.1 g) = (1, -1, 0); m = 0.01 g = (0.01, -0.02, 0)
        const g1 = tf.tensor([1, -2, 0]);
        const step = (g: tf.Tensor) =>
          tf.tidy(() => {
            const { updates, state: next } = tx.update({ p: g }, state, params);
            return [updates.p!, next.mu.p!];
          });
        const [u1, m1] = step(g1);
        expectClose(u1!, [1, -1, 0], {}, 'u1');
        expectClose(m1!, [0.01, -0.02, 0], { rtol: 1e-6 }, 'm1');
        tf.dispose([...stateTensors(state), u1!]);
        state = { mu: { p: m1! } };
        // step 2: g = (-0.05, 0.3, 0.5): c = 0.9 m + 0.1 g = (0.004, 0.012, 0.05) -> u = (1, 1, 1)
        //         m = 0.99 m + 0.01 g = (0.0094, -0.0168, 0.005)
        const g2 = tf.tensor([-0.05, 0.3, 0.5]);
        const [u2, m2] = step(g2);
        expectClose(u2!, [1, 1, 1], {}, 'u2');
        expectClose(m2!, [0.0094, -0.0168, 0.005], { rtol: 1e-5 }, 'm2');
        tf.dispose([...stateTensors(state), u2!, m2!, g1, g2, params.p]);
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone', async () => {
      await expectTransformContract(scaleByLion({ beta1: 0.5, beta2: 0.9 }));
    });
  });
});

describe('scaleByLion options', () => {
  it('rejects betas outside [0, 1) when the factory is called', () => {
    expect(() => scaleByLion({ beta1: 1 })).toThrow(/beta1/);
    expect(() => scaleByLion({ beta2: -0.1 })).toThrow(RangeError);
  });
});
