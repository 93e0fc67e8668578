import * as tf from '@tensorflow/tfjs-core';
import type { ImageTransform } from './types';
import { check, checkImages } from './validate';

/**
 * `rescale(scale, offset = 0)`: `x * scale + offset`, as Keras `Rescaling` (e.g. `rescale(1 / 255)` maps bytes to
 * [0, 1], `rescale(1 / 127.5, -1)` to [-1, 1]). Deterministic: applied in evaluation too.
 */
export function rescale(scale: number, offset = 0): ImageTransform {
  check(Number.isFinite(scale), 'rescale', 'scale', scale, 'a finite number');
  check(Number.isFinite(offset), 'rescale', 'offset', offset, 'a finite number');
  return {
    name: 'rescale',
    apply(images) {
      checkImages('rescale', images);
      return tf.tidy(() => tf.add(tf.mul(images, scale), offset));
    },
  };
}
