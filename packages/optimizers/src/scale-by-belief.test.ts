import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { scaleByBelief } from './scale-by-belief';
import { expectTransformContract, updatesOnce } from './transform-contract';

// Multi-step numbers are checked by the adabelief trajectories against the float64 reference (adabelief.test.ts).
forEachBackend(() => {
  describe('scaleByBelief', () => {
    it('matches a hand-derived first step', async () => {
      await expectNoLeaks(() => {
        // g = 2 (beta1 0.9, beta2 0.999, eps 1e-16): m = 0.2, s = 0.001 (2 - 0.2)^2 + eps = 0.00324,
        // m^ = 0.2 / 0.1 = 2, s^ = 0.00324 / 0.001 = 3.24, u = 2 / (1.8 + eps) = 10 / 9.
        // g = -4: m = -0.4, s = 0.001 * 3.6^2 = 0.01296, u = -4 / 3.6 = -10 / 9.
        const g = tf.tensor([2, -4]);
        expectClose(updatesOnce(scaleByBelief(), { p: g }).p!, [10 / 9, -10 / 9], { rtol: 1e-5 });
        g.dispose();
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone (step counts included)', async () => {
      await expectTransformContract(scaleByBelief({ beta1: 0.5, epsilon: 1e-8 }));
    });
  });
});

describe('scaleByBelief options', () => {
  it('rejects bad options when the factory is called', () => {
    expect(() => scaleByBelief({ beta1: 1.5 })).toThrow(/beta1/);
    expect(() => scaleByBelief({ beta2: 1 })).toThrow(/beta2/);
    expect(() => scaleByBelief({ epsilon: 0 })).toThrow(/epsilon/);
  });
});
