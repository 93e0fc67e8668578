import * as tf from '@tensorflow/tfjs-core';
import { uniformValues } from '@nnopt/core';
import { applyAutoAugmentOps, autoAugmentOps, magnitudeBins, signedOps, type OpDraw } from './auto-augment-ops';
import type { Interpolation } from './grid-sample';
import type { ImageTransform } from './types';
import { check, checkImages, requireKey } from './validate';

/**
 * `trivialAugmentWide({ numMagnitudeBins = 31 })`: each sample applies one op picked uniformly from
 * {@link autoAugmentOps} at a magnitude bin picked uniformly, in the wide space (shear up to 0.99, translate 32 px,
 * rotate 135 degrees, color factors 1 +- 0.99), signed ops negated with probability 1/2, as torchvision
 * `TrivialAugmentWide` (Muller and Hutter 2021, https://arxiv.org/abs/2103.10158) minus Equalize. Evaluation:
 * identity.
 */
export function trivialAugmentWide({ numMagnitudeBins = 31, interpolation = 'nearest', fill = 0 }: { numMagnitudeBins?: number; interpolation?: Interpolation; fill?: number | readonly number[] } = {}): ImageTransform {
  check(Number.isInteger(numMagnitudeBins) && numMagnitudeBins >= 1, 'trivialAugmentWide', 'numMagnitudeBins', numMagnitudeBins, 'an integer >= 1');
  check(interpolation === 'nearest' || interpolation === 'bilinear', 'trivialAugmentWide', 'interpolation', interpolation, "'nearest' or 'bilinear'");
  return {
    name: 'trivialAugmentWide',
    apply(images, ctx) {
      checkImages('trivialAugmentWide', images, [1, 3]);
      if (!ctx.training) return tf.clone(images);
      const [size, h, w] = images.shape;
      const u = uniformValues(requireKey('trivialAugmentWide', ctx), 3 * size);
      const draws: OpDraw[] = Array.from({ length: size }, (_, i) => {
        const op = autoAugmentOps[Math.min(autoAugmentOps.length - 1, Math.floor(u[3 * i]! * autoAugmentOps.length))]!;
        const bin = Math.min(numMagnitudeBins - 1, Math.floor(u[3 * i + 1]! * numMagnitudeBins));
        const magnitude = magnitudeBins(op, numMagnitudeBins, h, w, true)[bin]!;
        return { op, magnitude: signedOps.has(op) && u[3 * i + 2]! < 0.5 ? -magnitude : magnitude };
      });
      return applyAutoAugmentOps(images, draws, interpolation, fill);
    },
  };
}
