import * as tf from '@tensorflow/tfjs-core';
import { foldIn, uniformValues } from '@nnopt/core';
import { applyAutoAugmentOps, autoAugmentOps, magnitudeBins, signedOps, type OpDraw } from './auto-augment-ops';
import type { Interpolation } from './grid-sample';
import type { ImageTransform } from './types';
import { check, checkImages, requireKey } from './validate';

/** Options of {@link randAugment}. */
export interface RandAugmentOptions {
  /** Number of ops applied in sequence to each sample (default 2, torchvision `num_ops`). */
  readonly n?: number;
  /** Magnitude bin index in `[0, numMagnitudeBins)` (default 9). */
  readonly m?: number;
  /** Number of magnitude bins (default 31). */
  readonly numMagnitudeBins?: number;
  /** Interpolation of the geometric ops (default `'nearest'`). */
  readonly interpolation?: Interpolation;
  /** Fill of the geometric ops (default 0). */
  readonly fill?: number | readonly number[];
}

/**
 * `randAugment({ n = 2, m = 9, numMagnitudeBins = 31 })`: each sample applies `n` ops, each picked uniformly (per
 * sample) from {@link autoAugmentOps} at magnitude bin `m`, signed ops negated with probability 1/2, as torchvision
 * `RandAugment` (Cubuk et al. 2020, https://arxiv.org/abs/1909.13719) minus Equalize. Float images in [0, 1], 1 or
 * 3 channels. Evaluation: identity.
 */
export function randAugment({ n = 2, m = 9, numMagnitudeBins = 31, interpolation = 'nearest', fill = 0 }: RandAugmentOptions = {}): ImageTransform {
  check(Number.isInteger(n) && n >= 0, 'randAugment', 'n', n, 'an integer >= 0');
  check(Number.isInteger(numMagnitudeBins) && numMagnitudeBins >= 1, 'randAugment', 'numMagnitudeBins', numMagnitudeBins, 'an integer >= 1');
  check(Number.isInteger(m) && m >= 0 && m < numMagnitudeBins, 'randAugment', 'm', m, `an integer in [0, ${numMagnitudeBins})`);
  check(interpolation === 'nearest' || interpolation === 'bilinear', 'randAugment', 'interpolation', interpolation, "'nearest' or 'bilinear'");
  return {
    name: 'randAugment',
    apply(images, ctx) {
      checkImages('randAugment', images, [1, 3]);
      if (!ctx.training || n === 0) return tf.clone(images);
      const key = requireKey('randAugment', ctx);
      const [size, h, w] = images.shape;
      return tf.tidy(() => {
        let x = images;
        for (let slot = 0; slot < n; slot++) {
          const u = uniformValues(foldIn(key, slot), 2 * size);
          const draws: OpDraw[] = Array.from({ length: size }, (_, i) => {
            const op = autoAugmentOps[Math.min(autoAugmentOps.length - 1, Math.floor(u[2 * i]! * autoAugmentOps.length))]!;
            const magnitude = magnitudeBins(op, numMagnitudeBins, h, w, false)[m]!;
            return { op, magnitude: signedOps.has(op) && u[2 * i + 1]! < 0.5 ? -magnitude : magnitude };
          });
          x = applyAutoAugmentOps(x, draws, interpolation, fill);
        }
        return x;
      });
    },
  };
}
