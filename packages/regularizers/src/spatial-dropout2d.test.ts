import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import fixture from './__fixtures__/dropout.json';
import { fromFixture } from './__fixtures__/helpers';
import { applyDropoutMask } from './dropout-options';
import { spatialDropout2d } from './spatial-dropout2d';

forEachBackend(() => {
  describe('spatialDropout2d', () => {
    it("matches torch.nn.functional.dropout2d (NCHW, transposed to NHWC) given torch's channel mask", async () => {
      const { rate, x, mask, y } = fixture.spatialDropout2d;
      expect(mask.shape).toEqual([2, 1, 1, 5]);
      await expectNoLeaks(() =>
        tf.tidy(() => expectClose(applyDropoutMask(fromFixture(x), fromFixture(mask), rate), fromFixture(y), { rtol: 1e-6 })),
      );
    });

    it('drops whole channels of each sample, about a fraction rate of them', async () => {
      const [n, h, w, c] = [50, 3, 3, 40];
      const x = tf.ones([n, h, w, c]) as tf.Tensor4D;
      await expectNoLeaks(() => {
        const y = spatialDropout2d(x, { rate: 0.25, key: prngKey(11), training: true });
        const v = y.dataSync();
        y.dispose();
        let dropped = 0;
        for (let s = 0; s < n; s++) {
          for (let ch = 0; ch < c; ch++) {
            const first = v[s * h * w * c + ch]!;
            for (let p = 0; p < h * w; p++) expect(v[s * h * w * c + p * c + ch]).toBe(first); // constant per channel
            if (first === 0) dropped++;
          }
        }
        const m = n * c;
        expect(Math.abs(dropped / m - 0.25)).toBeLessThan(3 * Math.sqrt((0.25 * 0.75) / m));
      });
      await expectFlatMemory(() => tf.dispose(spatialDropout2d(x, { rate: 0.25, key: prngKey(1), training: true })));
      x.dispose();
    });

    it('needs rank 4 and is the identity in evaluation', () => {
      const x = tf.ones([2, 3]);
      expect(() => spatialDropout2d(x as unknown as tf.Tensor4D, { rate: 0.1, key: prngKey(0), training: true })).toThrow(
        /spatialDropout2d: x must have rank 4/,
      );
      const x4 = tf.ones([1, 2, 2, 3]) as tf.Tensor4D;
      expect(spatialDropout2d(x4, { rate: 0.1, training: false })).toBe(x4);
      tf.dispose([x, x4]);
    });
  });
});
