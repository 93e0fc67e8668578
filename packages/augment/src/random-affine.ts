import * as tf from '@tensorflow/tfjs-core';
import { uniformValues } from '@nnopt/core';
import { affine, type AffineParams } from './affine';
import type { Interpolation } from './grid-sample';
import { roundHalfEven } from './random';
import type { ImageTransform } from './types';
import { check, checkImages, requireKey, toRange } from './validate';

/** Options of {@link randomAffine}. */
export interface RandomAffineOptions {
  /** Rotation range in degrees: `d` means `[-d, d]` (required, as torchvision; 0 disables rotation). */
  readonly degrees: number | readonly [number, number];
  /** Maximum absolute translation as fractions `[fx, fy]` of width and height (default none). */
  readonly translate?: readonly [number, number];
  /** Scale range `[min, max]` (default none: 1). */
  readonly scale?: readonly [number, number];
  /** Shear in degrees: `s` (x in `[-s, s]`), `[min, max]` (x only) or `[xmin, xmax, ymin, ymax]` (default none). */
  readonly shear?: number | readonly number[];
  /** `'nearest'` (default, as torchvision) or `'bilinear'`. */
  readonly interpolation?: Interpolation;
  /** Fill for pixels from outside the image (default 0). */
  readonly fill?: number | readonly number[];
}

/** Validated, normalized affine ranges (shared with `randomRotation` and `randomTranslation`). */
export interface AffineRanges {
  readonly degrees: readonly [number, number];
  readonly translate?: readonly [number, number];
  readonly scale?: readonly [number, number];
  readonly shear?: readonly [number, number, number, number];
  /** Round translations to whole pixels, as torchvision's RandomAffine. */
  readonly roundTranslate: boolean;
}

/** Draws per-sample affine parameters as torchvision `RandomAffine.get_params` does, one key draw per sample. */
export function sampleAffineParams(uniforms: Float32Array, n: number, height: number, width: number, ranges: AffineRanges): AffineParams[] {
  const lerp = (u: number, [lo, hi]: readonly [number, number]) => lo + (hi - lo) * u;
  return Array.from({ length: n }, (_, i) => {
    const u = (k: number) => uniforms[6 * i + k]!;
    const angle = lerp(u(0), ranges.degrees);
    let translate: [number, number] = [0, 0];
    if (ranges.translate) {
      const dx = lerp(u(1), [-ranges.translate[0] * width, ranges.translate[0] * width]);
      const dy = lerp(u(2), [-ranges.translate[1] * height, ranges.translate[1] * height]);
      translate = ranges.roundTranslate ? [roundHalfEven(dx), roundHalfEven(dy)] : [dx, dy];
    }
    const scale = ranges.scale ? lerp(u(3), ranges.scale) : 1;
    const shear: [number, number] = ranges.shear ? [lerp(u(4), [ranges.shear[0], ranges.shear[1]]), lerp(u(5), [ranges.shear[2], ranges.shear[3]])] : [0, 0];
    return { angle, translate, scale, shear };
  });
}

/** Applies per-sample affine parameters drawn from `ranges` (the shared body of the random geometric transforms). */
export function randomAffineTransform(name: string, ranges: AffineRanges, interpolation: Interpolation, fill: number | readonly number[]): ImageTransform {
  check(interpolation === 'nearest' || interpolation === 'bilinear', name, 'interpolation', interpolation, "'nearest' or 'bilinear'");
  check(typeof fill === 'number' ? Number.isFinite(fill) : Array.isArray(fill) && fill.every(Number.isFinite), name, 'fill', fill, 'a finite number or one per channel');
  return {
    name,
    apply(images, ctx) {
      checkImages(name, images, typeof fill === 'number' ? undefined : fill.length);
      if (!ctx.training) return tf.clone(images);
      const [n, h, w] = images.shape;
      const params = sampleAffineParams(uniformValues(requireKey(name, ctx), 6 * n), n, h, w, ranges);
      return affine(images, params, { interpolation, fill });
    },
  };
}

function toShear(shear: number | readonly number[]): [number, number, number, number] {
  if (typeof shear === 'number') {
    const [lo, hi] = toRange('randomAffine', 'shear', shear);
    return [lo, hi, 0, 0];
  }
  check(Array.isArray(shear) && (shear.length === 2 || shear.length === 4) && shear.every(Number.isFinite), 'randomAffine', 'shear', shear, 'a number, [min, max] or [xmin, xmax, ymin, ymax]');
  const x = toRange('randomAffine', 'shear', [shear[0]!, shear[1]!]);
  const y = shear.length === 4 ? toRange('randomAffine', 'shear', [shear[2]!, shear[3]!]) : [0, 0];
  return [x[0], x[1], y[0]!, y[1]!];
}

/**
 * `randomAffine({ degrees, translate, scale, shear, interpolation = 'nearest', fill = 0 })`: a random affine map per
 * sample, as torchvision `RandomAffine`: angle `~ U(degrees)`, translation `round(U(-fx W, fx W))` pixels (and y),
 * scale `~ U(scale)`, shear `~ U(shear)`, applied about the image center with {@link affine}. Evaluation: identity.
 */
export function randomAffine({ degrees, translate, scale, shear, interpolation = 'nearest', fill = 0 }: RandomAffineOptions): ImageTransform {
  const d = toRange('randomAffine', 'degrees', degrees);
  if (translate !== undefined) {
    check(Array.isArray(translate) && translate.length === 2 && translate.every((t) => Number.isFinite(t) && t >= 0 && t <= 1), 'randomAffine', 'translate', translate, 'a [fx, fy] pair of fractions in [0, 1]');
  }
  const s = scale === undefined ? undefined : toRange('randomAffine', 'scale', scale, { min: 0 });
  if (s) check(s[0] > 0, 'randomAffine', 'scale', scale, 'a range of positive scales');
  return randomAffineTransform(
    'randomAffine',
    { degrees: d, ...(translate ? { translate } : {}), ...(s ? { scale: s } : {}), ...(shear !== undefined ? { shear: toShear(shear) } : {}), roundTranslate: true },
    interpolation,
    fill,
  );
}
