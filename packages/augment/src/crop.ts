import type * as tf from '@tensorflow/tfjs-core';
import { roundHalfEven } from './random';
import { cropPlan, linearPlan, resample, type PadMode } from './resample';
import { check, checkImages } from './validate';

/** A crop window in pixels, torchvision order: `top`, `left`, `height`, `width`. */
export interface CropBox {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

/** Options of {@link crop}. */
export interface CropOptions {
  /** How pixels outside the image are filled, as torchvision `pad`: `'constant'` (default), `'edge'`, `'reflect'`, `'symmetric'`. */
  readonly padMode?: PadMode;
  /** Value of constant padding (default 0, torchvision's crop pads with zeros). */
  readonly fill?: number;
}

const padModes: readonly PadMode[] = ['constant', 'edge', 'reflect', 'symmetric'];

/** Validates a pad mode option (shared by the crop transforms). */
export function checkPadMode(transform: string, padMode: string): void {
  check(padModes.includes(padMode as PadMode), transform, 'padMode', padMode, `one of ${padModes.map((m) => `'${m}'`).join(', ')}`);
}

function boxesFor(transform: string, boxes: CropBox | readonly CropBox[], n: number): CropBox[] {
  const list = Array.isArray(boxes) ? [...(boxes as readonly CropBox[])] : Array.from({ length: n }, () => boxes as CropBox);
  check(list.length === n, transform, 'boxes', `${list.length} boxes`, `one box or one per sample (${n})`);
  for (const b of list) {
    check(Number.isInteger(b.top) && Number.isInteger(b.left), transform, 'box.top/left', [b.top, b.left], 'integers');
    check(Number.isInteger(b.height) && b.height > 0 && Number.isInteger(b.width) && b.width > 0, transform, 'box.height/width', [b.height, b.width], 'positive integers');
  }
  return list;
}

/**
 * Crops every image to `box` (one box for all, or one per sample with equal sizes), as torchvision `F.crop`: a
 * window that leaves the image is padded (`padMode`, default constant `fill` 0). Exact: a gather per axis.
 */
export function crop(images: tf.Tensor4D, boxes: CropBox | readonly CropBox[], { padMode = 'constant', fill = 0 }: CropOptions = {}): tf.Tensor4D {
  checkImages('crop', images);
  checkPadMode('crop', padMode);
  const [n, h, w] = images.shape;
  const list = boxesFor('crop', boxes, n);
  const first = list[0]!;
  for (const b of list) check(b.height === first.height && b.width === first.width, 'crop', 'boxes', [b.height, b.width], `all the same size (${first.height}x${first.width})`);
  if (padMode === 'reflect') {
    for (const b of list) check(b.top > -h && b.top + first.height < 2 * h - 1 && b.left > -w && b.left + first.width < 2 * w - 1, 'crop', 'box', [b.top, b.left], 'within one reflection of the image');
  }
  const rows = cropPlan(list.map((b) => b.top), h, first.height, padMode);
  const cols = cropPlan(list.map((b) => b.left), w, first.width, padMode);
  return resample(images, rows, cols, fill);
}

/**
 * Crops a window per sample and resizes it to `size` with bilinear interpolation, as torchvision `F.resized_crop`
 * (no antialiasing, torchvision 0.14's tensor default). Windows must lie inside the image.
 */
export function resizedCrop(images: tf.Tensor4D, boxes: CropBox | readonly CropBox[], size: readonly [number, number]): tf.Tensor4D {
  checkImages('resizedCrop', images);
  const [n, h, w] = images.shape;
  const list = boxesFor('resizedCrop', boxes, n);
  for (const b of list) {
    check(b.top >= 0 && b.left >= 0 && b.top + b.height <= h && b.left + b.width <= w, 'resizedCrop', 'box', [b.top, b.left, b.height, b.width], `inside the ${h}x${w} image`);
  }
  check(size.length === 2 && size.every((s) => Number.isInteger(s) && s > 0), 'resizedCrop', 'size', size, 'a [height, width] pair of positive integers');
  const rows = linearPlan(list.map((b) => b.top), list.map((b) => b.height), size[0]!);
  const cols = linearPlan(list.map((b) => b.left), list.map((b) => b.width), size[1]!);
  return resample(images, rows, cols);
}

/**
 * The window of torchvision `F.center_crop`: `top = round((H - h) / 2)` (Python rounding, half to even) when the
 * crop fits; when it is larger the image is zero-padded by `(h - H) // 2` on top first, i.e. `top = -((h - H) // 2)`.
 */
export function centerCropBox(height: number, width: number, size: readonly [number, number]): CropBox {
  const [ch, cw] = size;
  const offset = (full: number, c: number) => (c > full ? -Math.floor((c - full) / 2) : roundHalfEven((full - c) / 2));
  return { top: offset(height, ch), left: offset(width, cw), height: ch, width: cw };
}
