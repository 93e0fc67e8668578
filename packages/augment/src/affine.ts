import type * as tf from '@tensorflow/tfjs-core';
import { gridSampleAffine, type AffineMatrix, type Interpolation } from './grid-sample';
import { check, checkImages } from './validate';

/** Parameters of one affine transform, as torchvision `F.affine` (angles in degrees, translate in pixels). */
export interface AffineParams {
  /** Rotation angle in degrees, counter-clockwise as torchvision (default 0). */
  readonly angle?: number;
  /** `[tx, ty]` translation in pixels (default `[0, 0]`). */
  readonly translate?: readonly [number, number];
  /** Isotropic scale (default 1). */
  readonly scale?: number;
  /** `[sx, sy]` shear angles in degrees (default `[0, 0]`). */
  readonly shear?: readonly [number, number];
  /** Center of rotation/shear in pixels from the top-left corner (default: the image center). */
  readonly center?: readonly [number, number];
}

/** Options of the functional geometric ops. */
export interface GeometricOptions {
  /** `'nearest'` (torchvision's default for affine/rotate) or `'bilinear'`. */
  readonly interpolation?: Interpolation;
  /** Value (or per-channel values) for pixels that come from outside the image (default 0); `null` = zero padding. */
  readonly fill?: number | readonly number[] | null;
}

/**
 * torchvision's `_get_inverse_affine_matrix`, in coordinates centered on the image: the map from an output pixel
 * back to the input pixel it reads. With `R` the rotation by `angle`, `Sh` the shear, `C` the center offset and `T`
 * the translation, the forward map is `T C R S Sh C^-1`; this returns its inverse.
 */
export function inverseAffineMatrix({ angle = 0, translate = [0, 0], scale = 1, shear = [0, 0] }: AffineParams, centerOffset: readonly [number, number]): AffineMatrix {
  const rad = Math.PI / 180;
  const rot = angle * rad;
  const sx = shear[0] * rad;
  const sy = shear[1] * rad;
  const [cx, cy] = centerOffset;
  const [tx, ty] = translate;
  const a = Math.cos(rot - sy) / Math.cos(sy);
  const b = (-Math.cos(rot - sy) * Math.tan(sx)) / Math.cos(sy) - Math.sin(rot);
  const c = Math.sin(rot - sy) / Math.cos(sy);
  const d = (-Math.sin(rot - sy) * Math.tan(sx)) / Math.cos(sy) + Math.cos(rot);
  const m = [d / scale, -b / scale, 0, -c / scale, a / scale, 0];
  m[2] = m[0]! * (-cx - tx) + m[1]! * (-cy - ty) + cx;
  m[5] = m[3]! * (-cx - tx) + m[4]! * (-cy - ty) + cy;
  return m as unknown as AffineMatrix;
}

/** Per-sample inverse matrices for an `[N, H, W, C]` batch (exported for the random transforms). */
export function affineMatrices(params: readonly AffineParams[], height: number, width: number): AffineMatrix[] {
  return params.map((p) => {
    const offset: [number, number] = p.center ? [p.center[0] - width * 0.5, p.center[1] - height * 0.5] : [0, 0];
    return inverseAffineMatrix(p, offset);
  });
}

/**
 * Applies an affine transform to every image (one `params` for all, or one per sample), as torchvision
 * `F.affine(img, angle, translate, scale, shear, interpolation, fill, center)` on tensors: output pixel `p` reads input
 * `M^-1 p` (see {@link inverseAffineMatrix}), nearest by default, `fill` (default 0) outside. Matches torchvision
 * 0.14 within 1e-4 (fixtures in `__fixtures__`).
 */
export function affine(images: tf.Tensor4D, params: AffineParams | readonly AffineParams[], { interpolation = 'nearest', fill = 0 }: GeometricOptions = {}): tf.Tensor4D {
  checkImages('affine', images);
  const [n, h, w] = images.shape;
  const list = Array.isArray(params) ? (params as readonly AffineParams[]) : Array.from({ length: n }, () => params as AffineParams);
  check(list.length === n, 'affine', 'params', `${list.length} entries`, `one entry or one per sample (${n})`);
  check(interpolation === 'nearest' || interpolation === 'bilinear', 'affine', 'interpolation', interpolation, "'nearest' or 'bilinear'");
  for (const p of list) check(p.scale === undefined || (Number.isFinite(p.scale) && p.scale > 0), 'affine', 'scale', p.scale, 'a finite number > 0');
  return gridSampleAffine(images, affineMatrices(list, h, w), interpolation, fill);
}

/** Rotates every image by `angle` degrees counter-clockwise about its center (one angle, or one per sample), as torchvision `F.rotate` (expand=False). */
export function rotate(images: tf.Tensor4D, angle: number | readonly number[], options: GeometricOptions = {}): tf.Tensor4D {
  checkImages('rotate', images);
  // torchvision's rotate passes -angle to the matrix builder, i.e. rotate(a) = affine(angle=-a) ... mirrored by its
  // y-down pixel grid, so both are counter-clockwise on screen.
  const angles = typeof angle === 'number' ? Array.from({ length: images.shape[0] }, () => angle) : angle;
  return affine(images, angles.map((a) => ({ angle: -a })), options);
}
