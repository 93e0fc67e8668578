import * as tf from '@tensorflow/tfjs-core';
import type { ImageTransform } from './types';
import { check, checkImages } from './validate';

function checkMeanStd(transform: string, mean: readonly number[], std: readonly number[]): void {
  check(Array.isArray(mean) && mean.length > 0 && mean.every(Number.isFinite), transform, 'mean', mean, 'a non-empty array of finite numbers (one per channel)');
  check(Array.isArray(std) && std.length === mean.length, transform, 'std', std, `an array of the same length as mean (${mean.length})`);
  check(std.every((s) => Number.isFinite(s) && s > 0), transform, 'std', std, 'positive finite numbers');
}

/** `(x - mean[c]) / std[c]` per channel, as torchvision `F.normalize`; `mean`/`std` must have one entry per channel. */
export function normalizeImages(images: tf.Tensor4D, mean: readonly number[], std: readonly number[]): tf.Tensor4D {
  checkMeanStd('normalize', mean, std);
  checkImages('normalize', images, mean.length);
  return tf.tidy(() => tf.div(tf.sub(images, tf.tensor1d([...mean])), tf.tensor1d([...std])));
}

/**
 * `normalize(mean, std)`: per-channel standardization `(x - mean[c]) / std[c]`, as torchvision `Normalize`
 * (e.g. ImageNet `[0.485, 0.456, 0.406]`, `[0.229, 0.224, 0.225]`). Deterministic: applied in evaluation too.
 * Mean/std of the wrong length for the images' channels is an error naming `mean`.
 */
export function normalize(mean: readonly number[], std: readonly number[]): ImageTransform {
  checkMeanStd('normalize', mean, std);
  return { name: 'normalize', apply: (images) => normalizeImages(images, mean, std) };
}
