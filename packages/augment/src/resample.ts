import * as tf from '@tensorflow/tfjs-core';

/**
 * How one spatial axis of every sample is resampled: output position `i` of sample `n` (flat index `n * O + i`)
 * reads `weight0 * in[index0] + weight1 * in[index1]`. `valid` (optional) is 1 where the position falls inside the
 * image and 0 in constant padding, where `fill` is written. Built on the host from per-sample parameters
 * (O(N * O) numbers, never per pixel), then applied on the backend with gathers.
 */
export interface AxisPlan {
  readonly size: number;
  readonly index0: Int32Array;
  readonly index1: Int32Array;
  readonly weight0: Float32Array;
  readonly weight1: Float32Array;
  readonly valid?: Float32Array;
}

/** Padding modes of crops that leave the image, as torchvision `pad`: constant (fill), edge, reflect, symmetric. */
export type PadMode = 'constant' | 'edge' | 'reflect' | 'symmetric';

function mapIndex(src: number, length: number, mode: PadMode): number {
  if (src >= 0 && src < length) return src;
  switch (mode) {
    case 'edge':
      return Math.min(length - 1, Math.max(0, src));
    case 'reflect': {
      const period = 2 * (length - 1);
      if (period === 0) return 0;
      const m = ((src % period) + period) % period;
      return m < length ? m : period - m;
    }
    case 'symmetric': {
      const period = 2 * length;
      const m = ((src % period) + period) % period;
      return m < length ? m : period - 1 - m;
    }
    default:
      return -1;
  }
}

/** An integer crop of `size` starting at per-sample `offsets` (may leave [0, length): padded by `mode`). */
export function cropPlan(offsets: readonly number[], length: number, size: number, mode: PadMode): AxisPlan {
  const n = offsets.length;
  const index0 = new Int32Array(n * size);
  const weight0 = new Float32Array(n * size);
  const valid = new Float32Array(n * size);
  let anyInvalid = false;
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < size; i++) {
      const k = s * size + i;
      const src = mapIndex(offsets[s]! + i, length, mode);
      if (src < 0) anyInvalid = true;
      index0[k] = Math.max(0, src);
      weight0[k] = src < 0 ? 0 : 1;
      valid[k] = src < 0 ? 0 : 1;
    }
  }
  return {
    size,
    index0,
    index1: index0,
    weight0,
    weight1: new Float32Array(n * size),
    ...(anyInvalid ? { valid } : {}),
  };
}

/**
 * Linear resampling of the window `[offsets[n], offsets[n] + lengths[n])` to `size` samples, as PyTorch's
 * `interpolate(mode='bilinear', align_corners=False)` without antialiasing: source `(i + 0.5) * len / size - 0.5`,
 * clamped at 0, neighbours clamped to the window.
 */
export function linearPlan(offsets: readonly number[], lengths: readonly number[], size: number): AxisPlan {
  const n = offsets.length;
  const index0 = new Int32Array(n * size);
  const index1 = new Int32Array(n * size);
  const weight0 = new Float32Array(n * size);
  const weight1 = new Float32Array(n * size);
  for (let s = 0; s < n; s++) {
    const len = lengths[s]!;
    const scale = len / size;
    for (let i = 0; i < size; i++) {
      const k = s * size + i;
      const src = Math.max(0, scale * (i + 0.5) - 0.5);
      const i0 = Math.min(Math.floor(src), len - 1);
      const i1 = i0 < len - 1 ? i0 + 1 : i0;
      const l1 = src - i0;
      index0[k] = offsets[s]! + i0;
      index1[k] = offsets[s]! + i1;
      weight0[k] = 1 - l1;
      weight1[k] = l1;
    }
  }
  return { size, index0, index1, weight0, weight1 };
}

function needsSecondTap(plan: AxisPlan): boolean {
  return plan.weight1.some((w) => w !== 0);
}

/**
 * Resamples axis `axis` (1: rows, 2: columns) of `[N, H, W, C]` by `plan` with gathers on flattened batches and
 * global indices (tfjs-backend-wasm 4.22 mis-gathers with `batchDims`, so it is not used).
 */
function resampleAxis(x: tf.Tensor4D, plan: AxisPlan, axis: 1 | 2): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const out = plan.size;
  const tap = (index: Int32Array, weight: Float32Array): tf.Tensor4D => {
    let g: tf.Tensor4D;
    if (axis === 1) {
      const global = Int32Array.from(index, (v, k) => Math.floor(k / out) * h + v);
      g = tf.reshape(tf.gather(tf.reshape(x, [n * h, w, c]), tf.tensor1d(global, 'int32')), [n, out, w, c]);
    } else {
      // index of (s, row, j) in the flat [N * H * W] pixels: (s * H + row) * W + index[s, j], built on the device.
      const rowBase = tf.reshape(tf.mul(tf.range(0, n * h, 1, 'int32'), tf.scalar(w, 'int32')), [n, h, 1]);
      const idx = tf.add(rowBase, tf.tensor3d(index, [n, 1, out], 'int32'));
      g = tf.reshape(tf.gather(tf.reshape(x, [n * h * w, c]), idx), [n, h, out, c]);
    }
    const wShape: [number, number, number, number] = axis === 1 ? [n, out, 1, 1] : [n, 1, out, 1];
    return weight.every((v) => v === 1) ? g : tf.mul(g, tf.tensor4d(weight, wShape));
  };
  const first = tap(plan.index0, plan.weight0);
  return needsSecondTap(plan) ? tf.add(first, tap(plan.index1, plan.weight1)) : first;
}

/**
 * Applies a row plan and a column plan to a batch: crops, pads, resizes and resized crops with per-sample windows,
 * all as gathers (exact for integer crops). Positions outside the image on either axis get `fill`.
 */
export function resample(images: tf.Tensor4D, rows: AxisPlan, cols: AxisPlan, fill = 0): tf.Tensor4D {
  return tf.tidy(() => {
    const n = images.shape[0];
    const out = resampleAxis(resampleAxis(images, rows, 1), cols, 2);
    if ((rows.valid === undefined && cols.valid === undefined) || fill === 0) return out;
    const rv = tf.tensor4d(rows.valid ?? new Float32Array(n * rows.size).fill(1), [n, rows.size, 1, 1]);
    const cv = tf.tensor4d(cols.valid ?? new Float32Array(n * cols.size).fill(1), [n, 1, cols.size, 1]);
    return tf.add(out, tf.mul(tf.sub(1, tf.mul(rv, cv)), fill));
  });
}
