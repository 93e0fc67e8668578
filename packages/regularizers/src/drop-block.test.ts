import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import fixture from './__fixtures__/dropout.json';
import { fromFixture } from './__fixtures__/helpers';
import { applyDropBlockSeeds, dropBlock } from './drop-block';

forEachBackend(() => {
  describe('dropBlock', () => {
    it("matches torchvision.ops.drop_block2d given torch's block seeds", async () => {
      const { blockSize, x, seeds, y } = fixture.dropBlock;
      await expectNoLeaks(() =>
        tf.tidy(() => {
          const out = applyDropBlockSeeds(fromFixture(x) as tf.Tensor4D, fromFixture(seeds) as tf.Tensor4D, blockSize);
          expectClose(out, fromFixture(y), { rtol: 1e-5, atol: 1e-6 });
        }),
      );
    });

    it('a single seed at (1, 2) with blockSize 2 drops rows 1-2, columns 2-3 (hand-derived)', async () => {
      await expectNoLeaks(() =>
        tf.tidy(() => {
          // 4x5 map, seed grid (4-2+1)x(5-2+1) = 3x4; 4 of 20 units dropped, scale 20 / 16 = 1.25.
          const seeds = tf.buffer([1, 3, 4, 1]);
          seeds.set(1, 0, 1, 2, 0);
          const out = applyDropBlockSeeds(tf.ones([1, 4, 5, 1]) as tf.Tensor4D, seeds.toTensor() as tf.Tensor4D, 2, 0);
          const k = 1.25;
          expectClose(out, [k, k, k, k, k, k, k, 0, 0, k, k, k, 0, 0, k, k, k, k, k, k]);
        }),
      );
    });

    it('drops about rate of the units in square blocks and keeps the mean', async () => {
      const x = tf.ones([8, 16, 16, 4]) as tf.Tensor4D;
      await expectNoLeaks(() => {
        const y = dropBlock(x, { rate: 0.2, blockSize: 3, key: prngKey(4), training: true });
        const v = Array.from(y.dataSync());
        y.dispose();
        const dropped = v.filter((e) => e === 0).length / v.length;
        // Overlapping blocks drop a bit less than rate: 1 - (1 - gamma)^9 with gamma = 0.2*256/(9*196).
        const gamma = (0.2 * 256) / (9 * 196);
        const edgeFree = 1 - (1 - gamma) ** 9;
        expect(dropped).toBeGreaterThan(0.1);
        expect(dropped).toBeLessThan(edgeFree + 0.02);
        expectClose(v.reduce((a, b) => a + b, 0) / v.length, 1, { rtol: 1e-4 });
      });
      await expectFlatMemory(() => tf.dispose(dropBlock(x, { rate: 0.2, blockSize: 3, key: prngKey(4), training: true })));
      x.dispose();
    });

    it('rejects a bad blockSize, a non-NHWC input; identity in evaluation', () => {
      const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
      expect(() => dropBlock(x, { rate: 0.1, blockSize: 0, key: prngKey(0), training: true })).toThrow(/blockSize must be/);
      expect(() => dropBlock(x, { rate: 0.1, blockSize: 2.5, key: prngKey(0), training: true })).toThrow(RangeError);
      const x3 = tf.ones([4, 4, 1]);
      expect(() => dropBlock(x3 as unknown as tf.Tensor4D, { rate: 0.1, key: prngKey(0), training: true })).toThrow(/dropBlock: x must have rank 4/);
      expect(dropBlock(x, { rate: 0.1, training: false })).toBe(x);
      tf.dispose([x, x3]);
    });
  });
});
