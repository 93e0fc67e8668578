import type * as tf from '@tensorflow/tfjs-core';
import { linearPlan, resample } from './resample';
import type { ImageTransform } from './types';
import { check, checkImages } from './validate';

/**
 * The output size of torchvision `F.resize`: a `[h, w]` pair is used as is; a number is the length of the shorter
 * side, the longer one scaled to keep the aspect ratio (`int(size * long / short)`, truncated as torchvision).
 */
export function resizeOutputSize(height: number, width: number, size: number | readonly [number, number]): [number, number] {
  if (typeof size !== 'number') return [size[0], size[1]];
  if (height <= width) return [size, Math.trunc((size * width) / height)];
  return [Math.trunc((size * height) / width), size];
}

function checkResizeSize(transform: string, size: number | readonly [number, number]): void {
  const ok = typeof size === 'number' ? Number.isInteger(size) && size > 0 : Array.isArray(size) && size.length === 2 && size.every((s) => Number.isInteger(s) && s > 0);
  check(ok, transform, 'size', size, 'a positive integer (shorter side) or a [height, width] pair');
}

/**
 * Resizes every image with bilinear interpolation, as torchvision 0.14 `F.resize` on tensors (half-pixel centers,
 * `align_corners=False`, no antialiasing). `size`: a `[height, width]` pair, or the shorter side's length.
 */
export function resizeImages(images: tf.Tensor4D, size: number | readonly [number, number]): tf.Tensor4D {
  checkImages('resize', images);
  checkResizeSize('resize', size);
  const [n, h, w] = images.shape;
  const [oh, ow] = resizeOutputSize(h, w, size);
  const zeros = Array.from({ length: n }, () => 0);
  return resample(images, linearPlan(zeros, zeros.map(() => h), oh), linearPlan(zeros, zeros.map(() => w), ow));
}

/** `resize(size)`: a deterministic transform (same in training and evaluation), see {@link resizeImages}. */
export function resize(size: number | readonly [number, number]): ImageTransform {
  checkResizeSize('resize', size);
  return { name: 'resize', apply: (images) => resizeImages(images, size) };
}
