import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import fixture from './__fixtures__/dropout.json';
import { fromFixture } from './__fixtures__/helpers';
import { dropPath } from './drop-path';
import { applyDropoutMask } from './dropout-options';

forEachBackend(() => {
  describe('dropPath', () => {
    it.each(['row', 'batch'] as const)("matches torchvision.ops.stochastic_depth(mode='%s') given torch's mask", async (mode) => {
      const { rate, x, mask, y } = fixture[`dropPath_${mode}`];
      await expectNoLeaks(() =>
        tf.tidy(() => expectClose(applyDropoutMask(fromFixture(x), fromFixture(mask), rate), fromFixture(y), { rtol: 1e-6 })),
      );
    });

    it("drops whole samples ('row') about rate of the time, or the whole batch ('batch')", async () => {
      const n = 4000;
      const x = tf.ones([n, 2, 3]);
      await expectNoLeaks(() => {
        const y = dropPath(x, { rate: 0.4, key: prngKey(21), training: true });
        const v = y.dataSync();
        y.dispose();
        let dropped = 0;
        for (let s = 0; s < n; s++) {
          const row = v.subarray(s * 6, s * 6 + 6);
          expect(new Set(row).size).toBe(1);
          if (row[0] === 0) dropped++;
          else expect(row[0]).toBeCloseTo(1 / 0.6, 5);
        }
        expect(Math.abs(dropped / n - 0.4)).toBeLessThan(3 * Math.sqrt((0.4 * 0.6) / n));
        const b = dropPath(x, { rate: 0.4, key: prngKey(21), training: true, mode: 'batch' });
        expect(new Set(b.dataSync()).size).toBe(1);
        b.dispose();
      });
      await expectFlatMemory(() => tf.dispose(dropPath(x, { rate: 0.4, key: prngKey(2), training: true })));
      x.dispose();
    });

    it('rejects a bad mode and a scalar input; identity in evaluation', () => {
      const x = tf.ones([2, 2]);
      expect(() => dropPath(x, { rate: 0.1, training: true, key: prngKey(0), mode: 'col' as 'row' })).toThrow(/mode must be/);
      const s = tf.scalar(1);
      expect(() => dropPath(s, { rate: 0.1, training: true, key: prngKey(0) })).toThrow(/dropPath: x must have rank >= 1/);
      expect(dropPath(x, { rate: 0.1, training: false })).toBe(x);
      tf.dispose([x, s]);
    });
  });
});
