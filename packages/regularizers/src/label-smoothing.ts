import * as tf from '@tensorflow/tfjs-core';
import { assertOption } from '@nnopt/core';

function checkSmoothing(smoothing: number): void {
  assertOption(Number.isFinite(smoothing) && smoothing >= 0 && smoothing <= 1, 'smoothing', smoothing, 'in [0, 1]');
}

/**
 * Label smoothing of one-hot (or probability) targets, as optax `smooth_labels` and PyTorch's `label_smoothing`:
 * `y' = (1 - smoothing) * y + smoothing / K` over the last axis of `K` classes. Default `smoothing` 0.1.
 * Throws a RangeError naming `smoothing` outside [0, 1], an Error naming `labels` for a non-float or scalar tensor.
 *
 * Szegedy et al. 2016, section 7, https://arxiv.org/abs/1512.00567
 */
export function smoothLabels(labels: tf.Tensor, smoothing = 0.1): tf.Tensor {
  checkSmoothing(smoothing);
  if (labels.dtype !== 'float32') throw new TypeError(`smoothLabels: labels must be float32 (one-hot), got ${labels.dtype}`);
  if (labels.rank < 1) throw new Error('smoothLabels: labels must have a class axis (rank >= 1)');
  const k = labels.shape[labels.rank - 1]!;
  return tf.tidy(() => tf.add(tf.mul(labels, 1 - smoothing), smoothing / k));
}

/**
 * Label smoothing of sparse (class index) targets: the one-hot encoding of `labels` (int32, any shape) over
 * `numClasses`, smoothed as {@link smoothLabels}: `1 - smoothing + smoothing / K` on the true class and
 * `smoothing / K` elsewhere. Indices outside `[0, numClasses)` throw an Error naming `labels` (read on the host).
 */
export function smoothSparseLabels(labels: tf.Tensor, numClasses: number, smoothing = 0.1): tf.Tensor {
  checkSmoothing(smoothing);
  assertOption(Number.isInteger(numClasses) && numClasses >= 1, 'numClasses', numClasses, 'an integer >= 1');
  checkClassIndices('smoothSparseLabels', labels, numClasses);
  return tf.tidy(() => tf.add(tf.mul(tf.oneHot(labels, numClasses), 1 - smoothing), smoothing / numClasses));
}

/** Throws unless `labels` is an int32 tensor of indices in [0, numClasses). Reads the labels on the host. */
export function checkClassIndices(op: string, labels: tf.Tensor, numClasses: number): void {
  if (labels.dtype !== 'int32') throw new TypeError(`${op}: sparse labels must be int32, got ${labels.dtype}`);
  const values = labels.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0 || v >= numClasses) throw new RangeError(`${op}: labels[${i}] = ${v} is outside [0, ${numClasses})`);
  }
}
