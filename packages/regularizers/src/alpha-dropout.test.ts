import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { normalValues, prngKey } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import fixture from './__fixtures__/dropout.json';
import { fromFixture } from './__fixtures__/helpers';
import { alphaDropout, applyAlphaDropoutMask } from './alpha-dropout';

forEachBackend(() => {
  describe('alphaDropout', () => {
    it("matches torch.nn.functional.alpha_dropout given torch's mask", async () => {
      const { rate, x, mask, y } = fixture.alphaDropout;
      await expectNoLeaks(() =>
        tf.tidy(() => expectClose(applyAlphaDropoutMask(fromFixture(x), fromFixture(mask), rate), fromFixture(y), { rtol: 1e-5, atol: 1e-6 })),
      );
    });

    it('keeps zero mean and unit variance of standard normal inputs (20k draws)', async () => {
      const n = 20_000;
      const x = tf.tensor(normalValues(prngKey(100), n));
      await expectNoLeaks(() => {
        const y = alphaDropout(x, { rate: 0.2, key: prngKey(9), training: true });
        const v = Array.from(y.dataSync());
        y.dispose();
        const mean = v.reduce((a, b) => a + b, 0) / n;
        const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
        // Loose bounds: the output is not normal, so use ~4 standard errors of a unit-variance mean / variance.
        expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
        expect(Math.abs(variance - 1)).toBeLessThan(0.05);
      });
      await expectFlatMemory(() => tf.dispose(alphaDropout(x, { rate: 0.2, key: prngKey(9), training: true })));
      x.dispose();
    });

    it('is the identity in evaluation; rate must be < 1', () => {
      const x = tf.ones([4]);
      expect(alphaDropout(x, { rate: 0.5, training: false })).toBe(x);
      expect(() => alphaDropout(x, { rate: 1, key: prngKey(0), training: true })).toThrow(RangeError);
      x.dispose();
    });
  });
});
