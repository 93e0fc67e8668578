import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { scaleByTrustRatio } from './scale-by-trust-ratio';
import { expectTransformContract, updatesOnce } from './transform-contract';

forEachBackend(() => {
  describe('scaleByTrustRatio', () => {
    it('scales each update by ||p|| / ||u|| (hand-derived)', async () => {
      await expectNoLeaks(() => {
        const params = { a: tf.tensor([3, 4]), zero: tf.zeros([2]), still: tf.tensor([1, 1]) };
        const grads = { a: tf.tensor([0.6, 0.8]), zero: tf.tensor([1, 2]), still: tf.zeros([2]) };
        // a: ||p|| = 5, ||u|| = 1 -> ratio 5; zero parameter or zero update -> ratio 1.
        const out = updatesOnce(scaleByTrustRatio(), grads, params);
        expectClose(out.a!, [3, 4], { rtol: 1e-6 }, 'a');
        expectClose(out.zero!, [1, 2], {}, 'zero');
        expectClose(out.still!, [0, 0], {}, 'still');
        // LARS-style: 0.1 * 5 / (1 + 1) = 0.25; minNorm 10 lifts both norms: 10 / 10 = 1.
        expectClose(updatesOnce(scaleByTrustRatio({ trustCoefficient: 0.1, epsilon: 1 }), grads, params).a!, [0.15, 0.2], { rtol: 1e-6 });
        expectClose(updatesOnce(scaleByTrustRatio({ minNorm: 10 }), grads, params).a!, [0.6, 0.8], { rtol: 1e-6 });
        tf.dispose([...Object.values(params), ...Object.values(grads)]);
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone', async () => {
      await expectTransformContract(scaleByTrustRatio());
    });
  });
});

describe('scaleByTrustRatio options', () => {
  it('rejects bad options when the factory is called', () => {
    expect(() => scaleByTrustRatio({ minNorm: -1 })).toThrow(/minNorm/);
    expect(() => scaleByTrustRatio({ trustCoefficient: 0 })).toThrow(/trustCoefficient/);
    expect(() => scaleByTrustRatio({ epsilon: -1e-3 })).toThrow(/epsilon/);
  });
});
