import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ensureGradients } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import fixture from './__fixtures__/cross-entropy.json';
import { fromFixture } from './__fixtures__/helpers';
import { softmaxCrossEntropy } from './softmax-cross-entropy';

forEachBackend(() => {
  ensureGradients();
  describe('softmaxCrossEntropy', () => {
    const targets = () => ({
      sparse: tf.tensor(fixture.labels, undefined, 'int32'),
      probs: fromFixture(fixture.probs),
    });

    it.each(fixture.cases.map((c) => [`${c.target}, smoothing ${c.smoothing}, ${c.reduction}`, c] as const))(
      'matches torch.nn.functional.cross_entropy in value and gradient (%s)',
      async (_, c) => {
        await expectNoLeaks(() =>
          tf.tidy(() => {
            const logits = fromFixture(fixture.logits);
            const target = targets()[c.target as 'sparse' | 'probs'];
            const options = { labelSmoothing: c.smoothing, reduction: c.reduction as 'mean' };
            expectClose(softmaxCrossEntropy(logits, target, options), fromFixture(c.loss), { rtol: 1e-5, atol: 1e-6 }, 'loss');
            const grad = tf.grad((z: tf.Tensor) => tf.sum(softmaxCrossEntropy(z, target, options)))(logits);
            expectClose(grad, fromFixture(c.grad), { rtol: 1e-4, atol: 1e-6 }, 'grad');
          }),
        );
      },
    );

    it('is stable for huge logits and keeps memory flat', async () => {
      const logits = tf.tensor([[1000, 0, -1000]]);
      const labels = tf.tensor([0], undefined, 'int32');
      await expectNoLeaks(() =>
        tf.tidy(() => {
          // eps 0.3 over K=3: t = [0.8, 0.1, 0.1]; log p = [0, -1000, -2000] => loss = 0.1*1000 + 0.1*2000 = 300.
          expectClose(softmaxCrossEntropy(logits, labels, { labelSmoothing: 0.3 }), 300, { rtol: 1e-5 });
        }),
      );
      await expectFlatMemory(() => tf.dispose(softmaxCrossEntropy(logits, labels, { labelSmoothing: 0.1 })));
      tf.dispose([logits, labels]);
    });

    it('rejects bad options, shapes, dtypes and labels before any work', async () => {
      const logits = tf.zeros([2, 3]);
      const labels = tf.tensor([0, 1], undefined, 'int32');
      await expectNoLeaks(() => {
        expect(() => softmaxCrossEntropy(logits, labels, { labelSmoothing: -0.1 })).toThrow(/labelSmoothing must be in/);
        expect(() => softmaxCrossEntropy(logits, labels, { reduction: 'avg' as 'mean' })).toThrow(/reduction must be/);
        const bad = tf.tensor([0, 3], undefined, 'int32');
        expect(() => softmaxCrossEntropy(logits, bad)).toThrow(/labels\[1\] = 3 is outside \[0, 3\)/);
        const wrong = tf.zeros([2, 4]);
        expect(() => softmaxCrossEntropy(logits, wrong)).toThrow(/targets must be int32 \[2\] or float32 \[2, 3\]/);
        const flat = tf.zeros([3]);
        expect(() => softmaxCrossEntropy(flat, labels)).toThrow(/logits must be float32 \[N, K\]/);
        tf.dispose([bad, wrong, flat]);
      });
      tf.dispose([logits, labels]);
    });
  });
});
