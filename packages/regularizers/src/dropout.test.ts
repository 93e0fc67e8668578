import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import fixture from './__fixtures__/dropout.json';
import { fromFixture } from './__fixtures__/helpers';
import { dropout } from './dropout';
import { applyDropoutMask } from './dropout-options';

forEachBackend(() => {
  describe('dropout', () => {
    it("matches torch.nn.functional.dropout given torch's own mask", async () => {
      const { rate, x, mask, y } = fixture.dropout;
      await expectNoLeaks(() =>
        tf.tidy(() => expectClose(applyDropoutMask(fromFixture(x), fromFixture(mask), rate), fromFixture(y), { rtol: 1e-6 })),
      );
    });

    it('zeroes a fraction rate of the elements (3 sigma over 20k), scales survivors by 1/(1-rate) and keeps E[x]', async () => {
      const n = 20_000;
      const rate = 0.3;
      const x = tf.fill([n], 2);
      await expectNoLeaks(() => {
        const y = dropout(x, { rate, key: prngKey(7), training: true });
        const values = y.dataSync();
        y.dispose();
        let zeros = 0;
        let sum = 0;
        for (const v of values) {
          if (v === 0) zeros++;
          else expect(v).toBeCloseTo(2 / 0.7, 5);
          sum += v;
        }
        expect(Math.abs(zeros / n - rate)).toBeLessThan(3 * Math.sqrt((rate * (1 - rate)) / n));
        // E[y] = 2, sd(y) = 2 sqrt(rate / (1 - rate)).
        expect(Math.abs(sum / n - 2)).toBeLessThan((3 * 2 * Math.sqrt(rate / (1 - rate))) / Math.sqrt(n));
      });
      x.dispose();
    });

    it('is the identity in evaluation and at rate 0, zeros at rate 1, deterministic per key', async () => {
      const x = tf.tensor([[1, 2, 3], [4, 5, 6]]);
      expect(dropout(x, { rate: 0.5, training: false })).toBe(x);
      expect(dropout(x, { rate: 0, training: true })).toBe(x);
      await expectNoLeaks(() =>
        tf.tidy(() => {
          expectClose(dropout(x, { rate: 1, key: prngKey(1), training: true }), [0, 0, 0, 0, 0, 0]);
          const a = dropout(x, { rate: 0.5, key: prngKey(3), training: true }).arraySync();
          expect(dropout(x, { rate: 0.5, key: prngKey(3), training: true }).arraySync()).toEqual(a);
        }),
      );
      await expectFlatMemory(() => tf.dispose(dropout(x, { rate: 0.5, key: prngKey(3), training: true })));
      x.dispose();
    });

    it('rejects bad input before any work', async () => {
      const x = tf.ones([2, 2]);
      await expectNoLeaks(() => {
        expect(() => dropout(x, { rate: 1.5, key: prngKey(0), training: true })).toThrow(RangeError);
        expect(() => dropout(x, { rate: -0.1, training: false })).toThrow(/rate must be in \[0, 1\]/);
        expect(() => dropout(x, { rate: 0.5, training: true })).toThrow(/dropout: key must be a PRNGKey/);
        const ints = tf.ones([2], 'int32');
        expect(() => dropout(ints, { rate: 0.5, key: prngKey(0), training: true })).toThrow(/dropout: x must be float32/);
        ints.dispose();
      });
      x.dispose();
    });
  });
});
