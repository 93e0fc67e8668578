import * as tf from '@tensorflow/tfjs-core';
import { normal, uniformValues, split } from '@nnopt/core';
import type { ImageTransform } from './types';
import { check, checkImages, requireKey, toRange } from './validate';

/**
 * `gaussianNoise({ std = 0.1, mean = 0, clip = false })`: adds `N(mean, sigma^2)` noise, seeded on the host, to
 * every pixel; `std` may be a range `[lo, hi]`, then each sample draws its own `sigma ~ U(lo, hi)`. `clip` clamps the
 * result to [0, 1]. As torchvision v2 `GaussianNoise` / Keras `GaussianNoise`. Evaluation: identity.
 */
export function gaussianNoise({ std = 0.1, mean = 0, clip = false }: { std?: number | readonly [number, number]; mean?: number; clip?: boolean } = {}): ImageTransform {
  const range = typeof std === 'number' ? ([std, std] as const) : toRange('gaussianNoise', 'std', std, { min: 0 });
  check(Number.isFinite(range[0]) && range[0] >= 0, 'gaussianNoise', 'std', std, 'a finite number >= 0 or a [min, max] range');
  check(Number.isFinite(mean), 'gaussianNoise', 'mean', mean, 'a finite number');
  return {
    name: 'gaussianNoise',
    apply(images, ctx) {
      checkImages('gaussianNoise', images);
      if (!ctx.training) return tf.clone(images);
      const [kNoise, kStd] = split(requireKey('gaussianNoise', ctx), 2) as [readonly [number, number], readonly [number, number]];
      const n = images.shape[0];
      const sigmas = Array.from(uniformValues(kStd, n), (u) => range[0] + (range[1] - range[0]) * u);
      return tf.tidy(() => {
        const noise = tf.add(tf.mul(normal(kNoise, images.shape), tf.tensor4d(sigmas, [n, 1, 1, 1])), mean);
        const out = tf.add(images, noise);
        return (clip ? tf.clipByValue(out, 0, 1) : out) as tf.Tensor4D;
      });
    },
  };
}
