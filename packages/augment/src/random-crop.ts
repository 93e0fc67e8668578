import { uniformValues } from '@nnopt/core';
import { centerCropBox, checkPadMode, crop } from './crop';
import { randint } from './random';
import type { PadMode } from './resample';
import type { ImageTransform } from './types';
import { check, checkImages, requireKey, toSize } from './validate';

/** Options of {@link randomCrop}. */
export interface RandomCropOptions {
  /** Output `[height, width]` (or a number for a square). */
  readonly size: number | readonly [number, number];
  /** Padding added before cropping: one number for all sides, `[horizontal, vertical]`, or `[left, top, right, bottom]` (default 0). */
  readonly padding?: number | readonly number[];
  /** torchvision `padding_mode`: `'constant'` (default, with `fill`), `'edge'`, `'reflect'`, `'symmetric'`. */
  readonly padMode?: PadMode;
  /** Constant padding value (default 0). */
  readonly fill?: number;
  /** Pad images smaller than `size` up to it, as torchvision `pad_if_needed` (default false). */
  readonly padIfNeeded?: boolean;
}

function toPadding(padding: number | readonly number[]): [number, number, number, number] {
  const p = typeof padding === 'number' ? [padding] : padding;
  check(
    Array.isArray(p) && [1, 2, 4].includes(p.length) && p.every((v) => Number.isInteger(v) && v >= 0),
    'randomCrop',
    'padding',
    padding,
    'a non-negative integer, [horizontal, vertical] or [left, top, right, bottom]',
  );
  if (p.length === 1) return [p[0]!, p[0]!, p[0]!, p[0]!];
  if (p.length === 2) return [p[0]!, p[1]!, p[0]!, p[1]!];
  return [p[0]!, p[1]!, p[2]!, p[3]!];
}

/**
 * `randomCrop({ size, padding, padMode, fill, padIfNeeded })`: pads each image (virtually: padding is folded into
 * the gather indices) and crops a `size` window at an offset drawn per sample, uniform over all positions, as
 * torchvision `RandomCrop` (`i = randint(0, H + padTop + padBottom - h + 1)`). Evaluation: the center `size` window
 * of the unpadded image. The crop larger than the padded image is an error naming `size`, raised before any work.
 */
export function randomCrop({ size, padding = 0, padMode = 'constant', fill = 0, padIfNeeded = false }: RandomCropOptions): ImageTransform {
  const [th, tw] = toSize('randomCrop', 'size', size);
  const [pl, pt, pr, pb] = toPadding(padding);
  checkPadMode('randomCrop', padMode);
  check(Number.isFinite(fill), 'randomCrop', 'fill', fill, 'a finite number');
  return {
    name: 'randomCrop',
    apply(images, ctx) {
      checkImages('randomCrop', images);
      const [n, h, w] = images.shape;
      let [top, left, bottom, right] = [pt, pl, pb, pr];
      if (padIfNeeded && h + top + bottom < th) {
        const extra = th - (h + top + bottom);
        top += extra;
        bottom += extra;
      }
      if (padIfNeeded && w + left + right < tw) {
        const extra = tw - (w + left + right);
        left += extra;
        right += extra;
      }
      const ph = h + top + bottom;
      const pw = w + left + right;
      check(th <= ph && tw <= pw, 'randomCrop', 'size', [th, tw], `at most the padded image size [${ph}, ${pw}]`);
      if (padMode === 'reflect') check(Math.max(top, bottom) < h && Math.max(left, right) < w, 'randomCrop', 'padding', padding, `smaller than the image (${h}x${w}) for reflect padding`);
      if (!ctx.training) return crop(images, centerCropBox(h, w, [th, tw]));
      const u = uniformValues(requireKey('randomCrop', ctx), 2 * n);
      const boxes = Array.from({ length: n }, (_, i) => ({
        top: randint(u[2 * i]!, 0, ph - th + 1) - top,
        left: randint(u[2 * i + 1]!, 0, pw - tw + 1) - left,
        height: th,
        width: tw,
      }));
      return crop(images, boxes, { padMode, fill });
    },
  };
}
