import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { applyTransform, stateTensors, type State } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { ema } from './ema';
import { expectTransformContract } from './transform-contract';

forEachBackend(() => {
  describe('ema', () => {
    it('averages the updates, optionally debiased (hand-derived)', async () => {
      await expectNoLeaks(() => {
        // decay 0.5: u = 2 -> e = 1 (debiased 1 / 0.5 = 2); u = 4 -> e = 0.5 + 2 = 2.5 (debiased 2.5 / 0.75).
        // With p = 0 and p <- p + u, p is the running sum of the emitted updates.
        for (const [debias, expected] of [[false, [1, 3.5]], [true, [2, 2 + 2.5 / 0.75]]] as const) {
          const params = tf.tidy(() => ({ p: tf.variable(tf.zeros([1])) }));
          const tx = ema({ decay: 0.5, debias });
          let state: State = tx.init(params);
          for (const [i, g] of [2, 4].entries()) {
            const grads = { p: tf.tensor([g]) };
            state = applyTransform(tx, state, params, grads);
            expectClose(params.p!, [expected[i]!], { rtol: 1e-6 }, `debias ${debias} step ${i + 1}`);
            grads.p.dispose();
          }
          tf.dispose([...stateTensors(state), params.p!]);
        }
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone', async () => {
      await expectTransformContract(ema({ decay: 0.9, debias: true }));
    });
  });
});

describe('ema options', () => {
  it('rejects a decay outside [0, 1)', () => {
    expect(() => ema({ decay: 1 })).toThrow(/decay/);
    expect(() => ema({ decay: -0.5 })).toThrow(RangeError);
  });
});
