import * as tf from '@tensorflow/tfjs-core';
import { check, checkImages, perSample } from './validate';

/**
 * Keeps the top `bits` bits of each 8-bit value: `floor(round(255 x) / 2^(8-bits)) 2^(8-bits) / 255`, torchvision
 * `posterize` on float images in [0, 1] (treated as bytes; torchvision itself accepts only uint8). `bits`: one or per sample.
 */
export function posterize(images: tf.Tensor4D, bits: number | readonly number[]): tf.Tensor4D {
  checkImages('posterize', images);
  const b = perSample('posterize', 'bits', bits, images.shape[0]);
  check(b.every((v) => Number.isInteger(v) && v >= 0 && v <= 8), 'posterize', 'bits', bits, 'integers in [0, 8]');
  return tf.tidy(() => {
    const step = tf.tensor4d(b.map((v) => 2 ** (8 - v)), [b.length, 1, 1, 1]);
    return tf.div(tf.mul(tf.floor(tf.div(tf.round(tf.mul(images, 255)), step)), step), 255) as tf.Tensor4D;
  });
}

/** Inverts values at or above `threshold`: `x >= t ? 1 - x : x`, torchvision `solarize` for float images (`threshold` one or per sample). */
export function solarize(images: tf.Tensor4D, threshold: number | readonly number[]): tf.Tensor4D {
  checkImages('solarize', images);
  const t = perSample('solarize', 'threshold', threshold, images.shape[0]);
  check(t.every((v) => v >= 0 && v <= 1), 'solarize', 'threshold', threshold, 'in [0, 1]');
  return tf.tidy(() => tf.where(tf.greaterEqual(images, tf.tensor4d(t, [t.length, 1, 1, 1])), tf.sub(1, images), images) as tf.Tensor4D);
}

/**
 * Stretches each channel of each image to [0, 1]: `(x - min) / (max - min)`, constant channels unchanged, as
 * torchvision `autocontrast`.
 */
export function autocontrast(images: tf.Tensor4D): tf.Tensor4D {
  checkImages('autocontrast', images);
  return tf.tidy(() => {
    const lo = tf.min(images, [1, 2], true);
    const hi = tf.max(images, [1, 2], true);
    const flat = tf.equal(hi, lo);
    const scale = tf.where(flat, tf.onesLike(hi), tf.div(1, tf.sub(hi, lo)));
    const minimum = tf.where(flat, tf.zerosLike(lo), lo);
    return tf.clipByValue(tf.mul(tf.sub(images, minimum), scale), 0, 1) as tf.Tensor4D;
  });
}
