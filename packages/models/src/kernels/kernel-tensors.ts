import * as tf from '@tensorflow/tfjs-core';
import type { backend_util } from '@tensorflow/tfjs-core';

/**
 * The engine hands kernels `Tensor`s when they run through `runKernel`; a `TensorInfo` (from another kernel calling
 * this one directly) is wrapped without copying, so the bodies below can use ordinary tfjs ops inside `tf.tidy`.
 * Ops a kernel runs are not recorded on the gradient tape (the engine stops taping inside kernels), so a kernel
 * written with ops stays a single node of the graph.
 */
export function asTensor<R extends tf.Rank>(info: tf.TensorInfo): tf.Tensor<R> {
  return (info instanceof tf.Tensor ? info : tf.engine().makeTensorFromTensorInfo(info)) as tf.Tensor<R>;
}

/**
 * Pads (positive amounts) or crops (negative amounts) the two spatial axes of an NHWC tensor: one `pad` when all
 * amounts are >= 0, else a `slice` after padding the non-negative sides.
 */
export function padOrCrop(x: tf.Tensor4D, [top, bottom]: [number, number], [left, right]: [number, number]): tf.Tensor4D {
  const padded =
    Math.max(top, 0) + Math.max(bottom, 0) + Math.max(left, 0) + Math.max(right, 0) > 0
      ? tf.pad(x, [[0, 0], [Math.max(top, 0), Math.max(bottom, 0)], [Math.max(left, 0), Math.max(right, 0)], [0, 0]])
      : x;
  if (top >= 0 && bottom >= 0 && left >= 0 && right >= 0) return padded;
  const [n, h, w, c] = padded.shape;
  const cropTop = Math.max(-top, 0);
  const cropLeft = Math.max(-left, 0);
  return tf.slice(padded, [0, cropTop, cropLeft, 0], [n, h - cropTop - Math.max(-bottom, 0), w - cropLeft - Math.max(-right, 0), c]);
}

/**
 * Inserts `sh − 1` zero rows after every row and `sw − 1` zero columns after every column of `x` viewed as
 * `[lead, h, w, trail]` (`lead` and `trail` the products of the axes around the two spatial ones), giving
 * `[lead, h·sh, w·sw, trail]`. Two rank-4 pads, columns then rows: tfjs-backend-webgl cannot compile a rank-6 pad.
 */
export function insertZeros(x: tf.Tensor, [lead, h, w, trail]: [number, number, number, number], [sh, sw]: [number, number]): tf.Tensor4D {
  const columns = sw === 1 ? x : tf.pad(tf.reshape(x, [lead * h, w, 1, trail]), [[0, 0], [0, 0], [0, sw - 1], [0, 0]]);
  const rows = sh === 1 ? columns : tf.pad(tf.reshape(columns, [lead, h, 1, w * sw * trail]), [[0, 0], [0, 0], [0, sh - 1], [0, 0]]);
  return tf.reshape(rows, [lead, h * sh, w * sw, trail]);
}

/**
 * The input gradient of a convolution described by `info` is a stride-1 convolution, with the filter rotated by 180°,
 * of `dy` spread out by the forward stride (`s − 1` zeros between rows and columns) and padded by `(k − 1)·d − p`
 * (cropped where negative) so that the result has the forward input's height and width. Returns that padded `dy`.
 */
export function spreadForInputGradient(dy: tf.Tensor4D, info: backend_util.Conv2DInfo): tf.Tensor4D {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight, outWidth } = info;
  const { dilationHeight: dh, dilationWidth: dw, inHeight, inWidth, padInfo } = info;
  const [n, , , c] = dy.shape;
  const spread = insertZeros(dy, [n, outHeight, outWidth, c], [sh, sw]);
  const top = (kh - 1) * dh - padInfo.top;
  const left = (kw - 1) * dw - padInfo.left;
  // Output rows = rows + top + bottom − (kh − 1)·dh must equal the input height.
  const bottom = inHeight - outHeight * sh - top + (kh - 1) * dh;
  const right = inWidth - outWidth * sw - left + (kw - 1) * dw;
  return padOrCrop(spread, [top, bottom], [left, right]);
}
