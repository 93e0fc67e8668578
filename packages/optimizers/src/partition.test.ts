import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { stateTensors } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { clipByValue } from './clip-by-value';
import { partition } from './partition';
import { scaleByBelief } from './scale-by-belief';
import { scaleByLion } from './scale-by-lion';
import { expectTransformContract, updatesOnce } from './transform-contract';

forEachBackend(() => {
  describe('partition', () => {
    it('routes each variable to the transform of its label', async () => {
      await expectNoLeaks(() => {
        const grads = { kernel: tf.tensor([[0.5, -2]]), bias: tf.tensor([0.25, -0.75]) };
        const transforms = { sign: scaleByLion(), clip: clipByValue({ clipValue: 0.5 }) };
        for (const labels of [(_: string, p: tf.Tensor) => (p.rank > 1 ? 'sign' : 'clip'), { kernel: 'sign', bias: 'clip' }]) {
          const tx = partition(transforms, labels);
          const state = tf.tidy(() => tx.init(grads));
          expect(Object.keys((state as { sign: { mu: object } }).sign.mu)).toEqual(['kernel']);
          const out = updatesOnce(tx, grads, grads, state);
          expectClose(out.kernel!, [1, -1], {}, 'kernel -> sign');
          expectClose(out.bias!, [0.25, -0.5], {}, 'bias -> clip');
          tf.dispose(stateTensors(state));
        }
        tf.dispose(Object.values(grads));
      });
    });

    it('throws naming the variable when its label has no transform', async () => {
      await expectNoLeaks(() => {
        const grads = { kernel: tf.zeros([2, 2]), bias: tf.zeros([2]) };
        expect(() => partition({ a: scaleByLion() }, { kernel: 'a', bias: 'b' }).init(grads)).toThrow(/'bias'.*"b"/);
        tf.dispose(Object.values(grads));
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone', async () => {
      await expectTransformContract(partition({ a: scaleByLion(), b: scaleByBelief() }, (name) => (name === 'weight' ? 'a' : 'b')));
    });
  });
});

describe('partition options', () => {
  it('rejects an empty record or a label with "/"', () => {
    expect(() => partition({}, () => 'a')).toThrow(/transforms/);
    expect(() => partition({ 'a/b': scaleByLion() }, () => 'a/b')).toThrow(RangeError);
  });
});
