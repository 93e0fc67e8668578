import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { stateTensors } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { masked } from './masked';
import { scaleByLion } from './scale-by-lion';
import { expectTransformContract, updatesOnce } from './transform-contract';

forEachBackend(() => {
  describe('masked', () => {
    it('applies the inner transform to the chosen variables only', async () => {
      await expectNoLeaks(() => {
        const grads = { 'dense.kernel': tf.tensor([[0.5, -2]]), 'dense.bias': tf.tensor([0.25, -0.75]) };
        for (const mask of [(_: string, p: tf.Tensor) => p.rank > 1, /kernel$/, ['dense.kernel']] as const) {
          const tx = masked(scaleByLion(), mask);
          const state = tf.tidy(() => tx.init(grads));
          expect(Object.keys(state.mu)).toEqual(['dense.kernel']);
          const out = updatesOnce(tx, grads, grads, state);
          expectClose(out['dense.kernel']!, [1, -1], {}, 'kernel gets sign(.)');
          expectClose(out['dense.bias']!, [0.25, -0.75], {}, 'bias passes through');
          tf.dispose(stateTensors(state));
        }
        tf.dispose(Object.values(grads));
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone', async () => {
      await expectTransformContract(masked(scaleByLion(), (name) => name !== 'untouched'));
      await expectTransformContract(masked(scaleByLion(), () => true));
    });
  });
});
