import * as tf from '@tensorflow/tfjs-core';

/** A batch: inputs `x` (NHWC float32 for images) and labels `y` (int32 class indices). The caller disposes both. */
export interface Batch {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor;
}

/** Random-access samples: `batch(indices)` gathers the given samples into one batch of tensors. */
export interface Dataset {
  readonly size: number;
  /** The shape of one input sample, e.g. `[28, 28, 1]`. */
  readonly sampleShape: readonly number[];
  readonly numClasses: number;
  batch(indices: ArrayLike<number>): Batch;
}

/** Options of {@link arrayDataset}. */
export interface ArrayDatasetOptions {
  /** Inputs, sample-major, `size * prod(sampleShape)` values. Uint8 pixels are scaled by `scale`. */
  readonly x: Uint8Array | Float32Array;
  /** Class labels, one per sample. */
  readonly y: ArrayLike<number>;
  readonly sampleShape: readonly number[];
  readonly numClasses: number;
  /** Multiplier applied to inputs as they are gathered (default 1/255 for Uint8 inputs, else 1). */
  readonly scale?: number;
}

/**
 * An in-memory dataset. Batches are gathered on the host into one Float32Array and uploaded once, so a batch costs a
 * single host-to-device copy on every backend.
 */
export function arrayDataset({ x, y, sampleShape, numClasses, scale }: ArrayDatasetOptions): Dataset {
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  const size = y.length;
  if (x.length !== size * sampleSize) {
    throw new RangeError(`x holds ${x.length} values, expected ${size} samples of [${sampleShape.join(', ')}] = ${size * sampleSize}`);
  }
  for (let i = 0; i < size; i++) {
    const label = y[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new RangeError(`y[${i}] is ${label}, expected a class index in [0, ${numClasses})`);
    }
  }
  const factor = scale ?? (x instanceof Uint8Array ? 1 / 255 : 1);
  return {
    size,
    sampleShape,
    numClasses,
    batch(indices) {
      const n = indices.length;
      const xs = new Float32Array(n * sampleSize);
      const ys = new Int32Array(n);
      for (let b = 0; b < n; b++) {
        const i = indices[b]!;
        if (!(i >= 0 && i < size)) throw new RangeError(`sample index ${i} is outside [0, ${size})`);
        const offset = i * sampleSize;
        for (let j = 0; j < sampleSize; j++) xs[b * sampleSize + j] = x[offset + j]! * factor;
        ys[b] = y[i]!;
      }
      return { x: tf.tensor(xs, [n, ...sampleShape], 'float32'), y: tf.tensor1d(ys, 'int32') };
    },
  };
}

/** The first `count` samples of a dataset, or the samples at `indices` (a validation split, a quick subset). */
export function subset(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const chosen = Int32Array.from(indices as ArrayLike<number>);
  return {
    size: chosen.length,
    sampleShape: dataset.sampleShape,
    numClasses: dataset.numClasses,
    batch: (batchIndices) => dataset.batch(Array.from(batchIndices as ArrayLike<number>, (i) => chosen[i]!)),
  };
}
