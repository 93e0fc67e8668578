import * as tf from '@tensorflow/tfjs-core';
import { checkImages } from './validate';

/** Mirrors every image left-right (reverses the width axis), as torchvision `F.hflip`. */
export function hflip(images: tf.Tensor4D): tf.Tensor4D {
  checkImages('hflip', images);
  return tf.reverse(images, 2);
}

/** Mirrors every image top-bottom (reverses the height axis), as torchvision `F.vflip`. */
export function vflip(images: tf.Tensor4D): tf.Tensor4D {
  checkImages('vflip', images);
  return tf.reverse(images, 1);
}

/** Per-sample select: `chosen[n] ? a[n] : b[n]`, exact (no arithmetic blending). Internal helper. */
export function selectSamples(chosen: readonly boolean[], a: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const mask = tf.tensor4d(chosen.map((v) => (v ? 1 : 0)), [chosen.length, 1, 1, 1], 'bool');
    return tf.where(tf.broadcastTo(mask, a.shape), a, b) as tf.Tensor4D;
  });
}
