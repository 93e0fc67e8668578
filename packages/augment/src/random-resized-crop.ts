import { split, uniformValues, type PRNGKey } from '@nnopt/core';
import { resizedCrop, type CropBox } from './crop';
import { resizeImages } from './resize';
import { randint, roundHalfEven } from './random';
import type { ImageTransform } from './types';
import { check, checkImages, requireKey, toRange, toSize } from './validate';

/** Options of {@link randomResizedCrop}. */
export interface RandomResizedCropOptions {
  /** Output `[height, width]` (or a number for a square). */
  readonly size: number | readonly [number, number];
  /** Range of the crop's area as a fraction of the image (default `[0.08, 1]`). */
  readonly scale?: readonly [number, number];
  /** Range of the crop's aspect ratio width/height, sampled log-uniformly (default `[3/4, 4/3]`). */
  readonly ratio?: readonly [number, number];
}

/**
 * torchvision `RandomResizedCrop.get_params` for one image: up to 10 tries of area `~ U(scale) * H * W` and ratio
 * `~ exp(U(log ratio))`, `w = round(sqrt(area * ratio))`, `h = round(sqrt(area / ratio))`, accepted when it fits,
 * at a uniform offset; otherwise the center crop clamped to the ratio range.
 */
export function randomResizedCropBox(key: PRNGKey, height: number, width: number, scale: readonly [number, number], ratio: readonly [number, number]): CropBox {
  const u = uniformValues(key, 40);
  const area = height * width;
  const logRatio = [Math.log(ratio[0]), Math.log(ratio[1])] as const;
  for (let t = 0; t < 10; t++) {
    const target = area * (scale[0] + (scale[1] - scale[0]) * u[4 * t]!);
    const aspect = Math.exp(logRatio[0] + (logRatio[1] - logRatio[0]) * u[4 * t + 1]!);
    const w = roundHalfEven(Math.sqrt(target * aspect));
    const h = roundHalfEven(Math.sqrt(target / aspect));
    if (w > 0 && w <= width && h > 0 && h <= height) {
      return { top: randint(u[4 * t + 2]!, 0, height - h + 1), left: randint(u[4 * t + 3]!, 0, width - w + 1), height: h, width: w };
    }
  }
  const inRatio = width / height;
  let w = width;
  let h = height;
  if (inRatio < ratio[0]) h = roundHalfEven(w / ratio[0]);
  else if (inRatio > ratio[1]) w = roundHalfEven(h * ratio[1]);
  return { top: Math.floor((height - h) / 2), left: Math.floor((width - w) / 2), height: h, width: w };
}

/**
 * `randomResizedCrop({ size, scale = [0.08, 1], ratio = [3/4, 4/3] })`: crops a window of random area and aspect
 * ratio per sample ({@link randomResizedCropBox}) and resizes it to `size` with bilinear interpolation, as
 * torchvision `RandomResizedCrop` (Inception-style, Szegedy et al. 2015, https://arxiv.org/abs/1409.4842).
 * Evaluation: the whole image resized to `size`.
 */
export function randomResizedCrop({ size, scale = [0.08, 1], ratio = [3 / 4, 4 / 3] }: RandomResizedCropOptions): ImageTransform {
  const hw = toSize('randomResizedCrop', 'size', size);
  const s = toRange('randomResizedCrop', 'scale', scale, { min: 0, max: 1 });
  check(s[1] > 0, 'randomResizedCrop', 'scale', scale, 'a range with a positive maximum');
  const r = toRange('randomResizedCrop', 'ratio', ratio, { min: 0 });
  check(r[0] > 0, 'randomResizedCrop', 'ratio', ratio, 'a range of positive ratios');
  return {
    name: 'randomResizedCrop',
    apply(images, ctx) {
      checkImages('randomResizedCrop', images);
      const [n, h, w] = images.shape;
      if (!ctx.training) return resizeImages(images, hw);
      const keys = split(requireKey('randomResizedCrop', ctx), n);
      return resizedCrop(images, keys.map((k) => randomResizedCropBox(k, h, w, s, r)), hw);
    },
  };
}
