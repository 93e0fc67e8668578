import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { expectTorchParity, prepareBackend } from '../__fixtures__/harness';
import { conv2d } from './conv2d';
import { dropout, dropout2d } from './dropout';
import { embedding } from './embedding';
import { flatten } from './flatten';
import { linear } from './linear';
import { sequential } from './sequential';

describe('flatten, embedding, dropout, sequential', () => {
  it('reject bad options when called', () => {
    expect(() => embedding({ numEmbeddings: 4, embeddingDim: 2, paddingIdx: 4 })).toThrow(/paddingIdx/);
    expect(() => dropout({ p: 1.2 })).toThrow(RangeError);
  });
  forEachBackend(() => {
    beforeAll(prepareBackend);
    // nn.Sequential(Conv2d(2, 3, 3), Flatten(), Linear(27, 4)): flatten in PyTorch's (c, h, w) order.
    it('sequential(conv2d, flatten, linear) takes PyTorch weights unchanged (torchOrder flatten)', () =>
      expectTorchParity(
        () => sequential([conv2d({ inChannels: 2, outChannels: 3, kernelSize: 3 }), flatten(), linear({ inFeatures: 27, outFeatures: 4 })]),
        'flatten_linear',
      ));
    it('embedding matches torch.nn.Embedding(padding_idx=1): the padding row gets no gradient', () =>
      expectTorchParity(() => embedding({ numEmbeddings: 10, embeddingDim: 4, paddingIdx: 1 }), 'embedding'));
    it('dropout: identity in eval; in training the same key gives the same mask, survivors scaled by 1/(1-p)', async () => {
      const d = dropout({ p: 0.25 });
      const d2 = dropout2d({ p: 0.5 });
      await expectNoLeaks(() => {
        const x = tf.ones([4, 2, 2, 8]);
        const evalOut = d.forward(x, { training: false });
        expectClose(evalOut, x, {}, 'eval');
        const a = d.forward(x, { training: true, key: prngKey(1) });
        const b = d.forward(x, { training: true, key: prngKey(1) });
        expectClose(a, b, {}, 'same key');
        const values = Array.from(a.dataSync());
        expect(values.every((v) => v === 0 || Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
        expect(values.filter((v) => v === 0).length).toBeGreaterThan(0);
        const c = d2.forward(x, { training: true, key: prngKey(2) });
        // Channel dropout: every channel of a sample is all-zero or all-2.
        const per = tf.tidy(() => tf.sum(tf.cast(tf.notEqual(tf.reshape(c, [4, 4, 8]), 0), 'int32'), 1));
        expect(Array.from(per.dataSync()).every((v) => v === 0 || v === 4)).toBe(true);
        expect(() => d.forward(x, { training: true })).toThrow(/key/);
        tf.dispose([x, a, b, c, per]);
        if (evalOut !== x) evalOut.dispose();
      });
    });
  });
});
