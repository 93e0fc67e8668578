import * as tf from '@tensorflow/tfjs-core';

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
