import * as tf from '@tensorflow/tfjs-core';
import { check, checkImages, perSample } from './validate';

/** One factor per sample as an `[N, 1, 1, 1]` tensor. */
function factors(transform: string, option: string, value: number | readonly number[], n: number, min = -Infinity): tf.Tensor4D {
  const values = perSample(transform, option, value, n);
  check(values.every((v) => v >= min), transform, option, value, `>= ${min}`);
  return tf.tensor4d(values, [n, 1, 1, 1]);
}

/** torchvision `_blend`: `clamp(ratio * a + (1 - ratio) * b, 0, 1)` for float images in [0, 1]. */
function blend(a: tf.Tensor, b: tf.Tensor, ratio: tf.Tensor): tf.Tensor4D {
  return tf.clipByValue(tf.add(tf.mul(ratio, a), tf.mul(tf.sub(1, ratio), b)), 0, 1) as tf.Tensor4D;
}

/** ITU-R 601-2 luma `0.2989 R + 0.587 G + 0.114 B` as `[N, H, W, 1]`, as torchvision `rgb_to_grayscale`. */
function luma(images: tf.Tensor4D): tf.Tensor4D {
  const [r, g, b] = tf.split(images, 3, 3) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
  return tf.add(tf.add(tf.mul(r, 0.2989), tf.mul(g, 0.587)), tf.mul(b, 0.114)) as tf.Tensor4D;
}

/**
 * Converts RGB to grayscale with torchvision's weights (`0.2989 R + 0.587 G + 0.114 B`), keeping
 * `numOutputChannels` (1 or 3, default 3: the luma repeated) channels. Images with 1 channel are returned as copies.
 */
export function rgbToGrayscale(images: tf.Tensor4D, numOutputChannels: 1 | 3 = 3): tf.Tensor4D {
  checkImages('rgbToGrayscale', images, [1, 3]);
  check(numOutputChannels === 1 || numOutputChannels === 3, 'rgbToGrayscale', 'numOutputChannels', numOutputChannels, '1 or 3');
  return tf.tidy(() => {
    const gray = images.shape[3] === 1 ? images : luma(images);
    return numOutputChannels === 3 ? (tf.tile(gray, [1, 1, 1, 3 / gray.shape[3]]) as tf.Tensor4D) : tf.clone(gray);
  });
}

/** `clamp(f x, 0, 1)`: torchvision `adjust_brightness` with one factor `f >= 0` or one per sample. */
export function adjustBrightness(images: tf.Tensor4D, factor: number | readonly number[]): tf.Tensor4D {
  checkImages('adjustBrightness', images);
  return tf.tidy(() => blend(images, tf.zerosLike(images), factors('adjustBrightness', 'factor', factor, images.shape[0], 0)));
}

/**
 * `clamp(f x + (1 - f) mean(gray(x)), 0, 1)` with the mean over the whole image: torchvision `adjust_contrast`
 * (per-sample factors allowed). 1- or 3-channel images.
 */
export function adjustContrast(images: tf.Tensor4D, factor: number | readonly number[]): tf.Tensor4D {
  checkImages('adjustContrast', images, [1, 3]);
  return tf.tidy(() => {
    const gray = images.shape[3] === 3 ? luma(images) : images;
    return blend(images, tf.mean(gray, [1, 2, 3], true), factors('adjustContrast', 'factor', factor, images.shape[0], 0));
  });
}

/** `clamp(f x + (1 - f) gray(x), 0, 1)`: torchvision `adjust_saturation` (identity on 1-channel images). */
export function adjustSaturation(images: tf.Tensor4D, factor: number | readonly number[]): tf.Tensor4D {
  checkImages('adjustSaturation', images, [1, 3]);
  if (images.shape[3] === 1) return tf.clone(images);
  return tf.tidy(() => blend(images, luma(images), factors('adjustSaturation', 'factor', factor, images.shape[0], 0)));
}

/**
 * Shifts the hue by `factor` turns (in [-0.5, 0.5], one or per sample): RGB to HSV, `h = (h + f) mod 1`, back to
 * RGB, with torchvision's `_rgb2hsv`/`_hsv2rgb` formulas as elementwise ops. 1-channel images are returned as copies.
 */
export function adjustHue(images: tf.Tensor4D, factor: number | readonly number[]): tf.Tensor4D {
  checkImages('adjustHue', images, [1, 3]);
  const values = perSample('adjustHue', 'factor', factor, images.shape[0]);
  check(values.every((v) => v >= -0.5 && v <= 0.5), 'adjustHue', 'factor', factor, 'in [-0.5, 0.5]');
  if (images.shape[3] === 1) return tf.clone(images);
  return tf.tidy(() => {
    const [r, g, b] = tf.split(images, 3, 3) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const maxc = tf.max(images, 3, true);
    const minc = tf.min(images, 3, true);
    const eqc = tf.equal(maxc, minc);
    const cr = tf.sub(maxc, minc);
    const ones = tf.onesLike(maxc);
    const s = tf.div(cr, tf.where(eqc, ones, maxc));
    const crDivisor = tf.where(eqc, ones, cr);
    const rc = tf.div(tf.sub(maxc, r), crDivisor);
    const gc = tf.div(tf.sub(maxc, g), crDivisor);
    const bc = tf.div(tf.sub(maxc, b), crDivisor);
    const isR = tf.equal(maxc, r);
    const isG = tf.logicalAnd(tf.equal(maxc, g), tf.logicalNot(isR));
    const isB = tf.logicalAnd(tf.logicalNot(tf.equal(maxc, g)), tf.logicalNot(isR));
    const f32 = (m: tf.Tensor) => tf.cast(m, 'float32');
    const hRaw = tf.addN([tf.mul(f32(isR), tf.sub(bc, gc)), tf.mul(f32(isG), tf.add(2, tf.sub(rc, bc))), tf.mul(f32(isB), tf.add(4, tf.sub(gc, rc)))]);
    // torch.fmod(h / 6 + 1, 1): the argument is positive, so floor-mod agrees.
    let h = tf.mod(tf.add(tf.div(hRaw, 6), 1), 1);
    h = tf.mod(tf.add(h, tf.tensor4d(values, [values.length, 1, 1, 1])), 1);
    const v = maxc;
    const h6 = tf.mul(h, 6);
    const i = tf.floor(h6);
    const f = tf.sub(h6, i);
    const p = tf.clipByValue(tf.mul(v, tf.sub(1, s)), 0, 1);
    const q = tf.clipByValue(tf.mul(v, tf.sub(1, tf.mul(s, f))), 0, 1);
    const t = tf.clipByValue(tf.mul(v, tf.sub(1, tf.mul(s, tf.sub(1, f)))), 0, 1);
    const sector = tf.mod(i, 6);
    const pick = (choices: readonly tf.Tensor[]) =>
      tf.addN(choices.map((c, k) => tf.mul(f32(tf.equal(sector, k)), c)));
    return tf.concat([pick([v, q, p, p, t, v]), pick([t, v, v, q, p, p]), pick([p, p, t, v, v, q])], 3) as tf.Tensor4D;
  });
}

/**
 * Blends each image with its 3x3-smoothed version (kernel `[[1,1,1],[1,5,1],[1,1,1]] / 13` on interior pixels,
 * borders kept): torchvision `adjust_sharpness`; factor 0 blurs, 1 is identity, 2 sharpens (one or per sample).
 */
export function adjustSharpness(images: tf.Tensor4D, factor: number | readonly number[]): tf.Tensor4D {
  checkImages('adjustSharpness', images, [1, 3]);
  const [n, h, w, c] = images.shape;
  const f = perSample('adjustSharpness', 'factor', factor, n);
  check(f.every((v) => v >= 0), 'adjustSharpness', 'factor', factor, '>= 0');
  if (h <= 2 || w <= 2) return tf.clone(images);
  return tf.tidy(() => {
    const k = [1, 1, 1, 1, 5, 1, 1, 1, 1].map((v) => v / 13);
    const filter = tf.tile(tf.tensor4d(k, [3, 3, 1, 1]), [1, 1, c, 1]) as tf.Tensor4D;
    const smooth = tf.pad(tf.depthwiseConv2d(images, filter, 1, 'valid'), [[0, 0], [1, 1], [1, 1], [0, 0]]);
    const interior = tf.pad(tf.ones([1, h - 2, w - 2, 1]), [[0, 0], [1, 1], [1, 1], [0, 0]]);
    const degenerate = tf.add(tf.mul(interior, smooth), tf.mul(tf.sub(1, interior), images));
    return blend(images, degenerate, tf.tensor4d(f, [n, 1, 1, 1]));
  });
}
