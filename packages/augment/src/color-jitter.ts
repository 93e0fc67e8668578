import * as tf from '@tensorflow/tfjs-core';
import { permutation, split, uniformValues, type PRNGKey } from '@nnopt/core';
import { adjustBrightness, adjustContrast, adjustHue, adjustSaturation } from './adjust-color';
import type { ImageTransform } from './types';
import { checkImages, requireKey, toRange } from './validate';

/** Options of {@link colorJitter}: a number `v` means `[max(0, 1 - v), 1 + v]` (hue: `[-v, v]`, `v <= 0.5`); 0 disables. */
export interface ColorJitterOptions {
  readonly brightness?: number | readonly [number, number];
  readonly contrast?: number | readonly [number, number];
  readonly saturation?: number | readonly [number, number];
  readonly hue?: number | readonly [number, number];
}

/**
 * `colorJitter({ brightness, contrast, saturation, hue })`: each sample draws its own factors, uniform in the
 * ranges, applied with {@link adjustBrightness}, {@link adjustContrast}, {@link adjustSaturation},
 * {@link adjustHue}, as torchvision `ColorJitter`. The order of the four adjustments is random per call (per batch,
 * not per sample: a per-sample order would cost all 24 orders). Images in [0, 1], 3 channels when saturation or hue
 * is used. Evaluation: identity.
 */
export function colorJitter({ brightness = 0, contrast = 0, saturation = 0, hue = 0 }: ColorJitterOptions = {}): ImageTransform {
  const ranges: [string, [number, number] | null, (x: tf.Tensor4D, f: number[]) => tf.Tensor4D][] = [
    ['brightness', brightness === 0 ? null : toRange('colorJitter', 'brightness', brightness, { center: 1, min: 0 }), adjustBrightness],
    ['contrast', contrast === 0 ? null : toRange('colorJitter', 'contrast', contrast, { center: 1, min: 0 }), adjustContrast],
    ['saturation', saturation === 0 ? null : toRange('colorJitter', 'saturation', saturation, { center: 1, min: 0 }), adjustSaturation],
    ['hue', hue === 0 ? null : toRange('colorJitter', 'hue', hue, { min: -0.5, max: 0.5 }), adjustHue],
  ];
  return {
    name: 'colorJitter',
    apply(images, ctx) {
      checkImages('colorJitter', images, saturation !== 0 || hue !== 0 ? 3 : [1, 3]);
      if (!ctx.training) return tf.clone(images);
      const n = images.shape[0];
      const [kOrder, ...kFactors] = split(requireKey('colorJitter', ctx), 5) as PRNGKey[];
      const order = permutation(kOrder!, 4);
      return tf.tidy(() => {
        let x = images;
        for (const j of order) {
          const [, range, op] = ranges[j]!;
          if (range === null) continue;
          const factors = Array.from(uniformValues(kFactors[j]!, n), (u) => range[0] + (range[1] - range[0]) * u);
          x = op(x, factors);
        }
        return x === images ? tf.clone(images) : x;
      });
    },
  };
}
