import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { foldIn, prngKey, split } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { randomErasingBox, randomHorizontalFlip, randomResizedCropBox, randomCrop, randomVerticalFlip } from './index';
import { betaSample } from './random';

// Random transforms are checked by their statistics: rates within 3 sigma, drawn parameters inside their ranges.
forEachBackend(() => {
  describe.each([
    ['randomHorizontalFlip', randomHorizontalFlip, 2],
    ['randomVerticalFlip', randomVerticalFlip, 1],
  ] as const)('%s', (_name, make, axis) => {
    it.each([0.5, 0.2])('flips a fraction p = %s of 10k samples (within 3 sigma)', async (p) => {
      const n = 10_000;
      await expectNoLeaks(() => {
        // Each 2x2 image is [0, 1; 2, 3]: flipped left-right its first pixel is 1, top-bottom it is 2.
        const x = tf.tidy(() => tf.tile(tf.tensor4d([0, 1, 2, 3], [1, 2, 2, 1]), [n, 1, 1, 1]) as tf.Tensor4D);
        const y = make({ p }).apply(x, { key: prngKey(11), training: true });
        const first = tf.tidy(() => tf.slice(y, [0, 0, 0, 0], [n, 1, 1, 1]).dataSync());
        const flipped = Array.from(first).filter((v) => v === (axis === 2 ? 1 : 2)).length;
        const unflipped = Array.from(first).filter((v) => v === 0).length;
        expect(flipped + unflipped).toBe(n);
        expect(Math.abs(flipped - n * p)).toBeLessThan(3 * Math.sqrt(n * p * (1 - p)));
        tf.dispose([x, y]);
      });
    });
  });

  describe('randomCrop', () => {
    it('offsets are uniform over all positions of the padded image', async () => {
      // A 1x4 image [1, 2, 3, 4] padded by 1 (zeros) and cropped to width 4: 3 offsets, first pixel 0, 1 or 2.
      const n = 3000;
      await expectNoLeaks(() => {
        const x = tf.tidy(() => tf.tile(tf.tensor4d([1, 2, 3, 4], [1, 1, 4, 1]), [n, 1, 1, 1]) as tf.Tensor4D);
        const y = randomCrop({ size: [1, 4], padding: [1, 0] }).apply(x, { key: prngKey(5), training: true });
        const first = Array.from(tf.tidy(() => tf.slice(y, [0, 0, 0, 0], [n, 1, 1, 1]).dataSync()));
        for (const v of [0, 1, 2]) expect(Math.abs(first.filter((f) => f === v).length - n / 3)).toBeLessThan(3 * Math.sqrt((n * 2) / 9));
        tf.dispose([x, y]);
      });
    });
  });
});

describe('parameter samplers', () => {
  it('randomResizedCropBox: area and ratio inside their ranges, box inside the image', () => {
    const keys = split(prngKey(3), 2000);
    let fallbacks = 0;
    for (const k of keys) {
      const b = randomResizedCropBox(k, 64, 48, [0.08, 1], [3 / 4, 4 / 3]);
      expect(b.top >= 0 && b.left >= 0 && b.top + b.height <= 64 && b.left + b.width <= 48).toBe(true);
      const area = (b.height * b.width) / (64 * 48);
      // Rounding to whole pixels moves area and ratio by at most about one pixel per side.
      expect(area).toBeGreaterThan(0.08 * 0.8);
      expect(area).toBeLessThanOrEqual(1);
      const ratio = b.width / b.height;
      if (b.height === 64 && b.width === 48) fallbacks++;
      else {
        expect(ratio).toBeGreaterThan((3 / 4) * 0.85);
        expect(ratio).toBeLessThan((4 / 3) / 0.85);
      }
    }
    expect(fallbacks).toBeLessThan(200);
  });

  it('randomErasingBox: strictly inside the image, area within scale', () => {
    for (const k of split(prngKey(8), 2000)) {
      const b = randomErasingBox(k, 32, 32, [0.02, 0.33], [0.3, 3.3]);
      if (b === null) continue;
      expect(b.height < 32 && b.width < 32 && b.top + b.height <= 32 && b.left + b.width <= 32).toBe(true);
      expect((b.height * b.width) / 1024).toBeLessThan(0.33 * 1.3);
    }
  });

  it('Beta(alpha, alpha) draws have the right mean and variance', () => {
    for (const alpha of [0.2, 1, 2]) {
      const draws = Array.from({ length: 4000 }, (_, i) => betaSample(foldIn(prngKey(1), i), alpha, alpha));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
      const expectedVar = 1 / (4 * (2 * alpha + 1)); // Beta(a, a): a^2 / ((2a)^2 (2a + 1))
      expect(Math.abs(mean - 0.5)).toBeLessThan(3 * Math.sqrt(expectedVar / draws.length));
      expectClose(variance, expectedVar, { rtol: 0.1 }, `variance alpha=${alpha}`);
      expect(draws.every((d) => d >= 0 && d <= 1)).toBe(true);
    }
  });
});
