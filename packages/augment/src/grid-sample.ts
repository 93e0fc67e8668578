import * as tf from '@tensorflow/tfjs-core';

/** Interpolation of geometric transforms, as torchvision `InterpolationMode.NEAREST` / `BILINEAR`. */
export type Interpolation = 'nearest' | 'bilinear';

/** A 2x3 inverse affine matrix `[a, b, c, d, e, f]`: output pixel (x, y) reads input `(a x + b y + c, d x + e y + f)`. */
export type AffineMatrix = readonly [number, number, number, number, number, number];

/**
 * Samples every image at its own inverse affine map, as torchvision's tensor `affine`/`rotate`
 * (`_gen_affine_grid` + `grid_sample(align_corners=False)`): coordinates are pixel offsets from the image center
 * `((W - 1) / 2, (H - 1) / 2)`, so input index `= M (x - cx, y - cy, 1) + (cx, cy)`. Bilinear sampling reads zero
 * outside the image; with a `fill` the result is blended as torchvision does (`out * mask + (1 - mask) * fill`,
 * mask = the sampled all-ones image; nearest: fill where mask < 0.5). `fill: null` is plain zero padding
 * (torchvision's `fill=None`).
 *
 * Written with gathers instead of `tf.image.transform` because tfjs-backend-cpu 4.22's Transform kernel only
 * processes the first image of a batch.
 */
export function gridSampleAffine(
  images: tf.Tensor4D,
  matrices: readonly AffineMatrix[],
  interpolation: Interpolation,
  fill: number | readonly number[] | null,
): tf.Tensor4D {
  const [n, h, w, c] = images.shape;
  return tf.tidy(() => {
    const m = (k: number) => tf.tensor3d(matrices.map((row) => row[k]!), [n, 1, 1]);
    const xs = tf.reshape(tf.sub(tf.range(0, w, 1, 'float32'), (w - 1) / 2), [1, 1, w]);
    const ys = tf.reshape(tf.sub(tf.range(0, h, 1, 'float32'), (h - 1) / 2), [1, h, 1]);
    const ix = tf.add(tf.add(tf.add(tf.mul(m(0), xs), tf.mul(m(1), ys)), m(2)), (w - 1) / 2);
    const iy = tf.add(tf.add(tf.add(tf.mul(m(3), xs), tf.mul(m(4), ys)), m(5)), (h - 1) / 2);
    const flat = tf.reshape(images, [n * h * w, c]);
    const base = tf.reshape(tf.mul(tf.range(0, n, 1, 'float32'), h * w), [n, 1, 1]);
    const read = (x: tf.Tensor, y: tf.Tensor): { value: tf.Tensor; valid: tf.Tensor } => {
      const valid = tf.cast(
        tf.logicalAnd(tf.logicalAnd(tf.greaterEqual(x, 0), tf.lessEqual(x, w - 1)), tf.logicalAnd(tf.greaterEqual(y, 0), tf.lessEqual(y, h - 1))),
        'float32',
      );
      const idx = tf.cast(tf.add(tf.add(base, tf.mul(tf.clipByValue(y, 0, h - 1), w)), tf.clipByValue(x, 0, w - 1)), 'int32');
      return { value: tf.gather(flat, idx), valid };
    };
    const fillTensor = fill === null ? null : tf.tensor1d(typeof fill === 'number' ? Array.from({ length: c }, () => fill) : [...fill]);
    if (interpolation === 'nearest') {
      // torch's nearest grid_sample rounds half to even, as tf.round does.
      const { value, valid } = read(tf.round(ix), tf.round(iy));
      const mask = tf.expandDims(valid, 3);
      const sampled = tf.mul(value, mask);
      return (fillTensor === null ? sampled : tf.add(sampled, tf.mul(tf.sub(1, mask), fillTensor))) as tf.Tensor4D;
    }
    const x0 = tf.floor(ix);
    const y0 = tf.floor(iy);
    const wx1 = tf.sub(ix, x0);
    const wy1 = tf.sub(iy, y0);
    const wx0 = tf.sub(1, wx1);
    const wy0 = tf.sub(1, wy1);
    const x1 = tf.add(x0, 1);
    const y1 = tf.add(y0, 1);
    let acc: tf.Tensor | null = null;
    let mask: tf.Tensor | null = null;
    for (const [x, y, weight] of [
      [x0, y0, tf.mul(wx0, wy0)],
      [x1, y0, tf.mul(wx1, wy0)],
      [x0, y1, tf.mul(wx0, wy1)],
      [x1, y1, tf.mul(wx1, wy1)],
    ] as const) {
      const { value, valid } = read(x, y);
      const wv = tf.mul(weight, valid);
      const term = tf.mul(value, tf.expandDims(wv, 3));
      acc = acc === null ? term : tf.add(acc, term);
      mask = mask === null ? wv : tf.add(mask, wv);
    }
    if (fillTensor === null) return acc as tf.Tensor4D;
    const m4 = tf.expandDims(mask!, 3);
    return tf.add(tf.mul(acc!, m4), tf.mul(tf.sub(1, m4), fillTensor)) as tf.Tensor4D;
  });
}
