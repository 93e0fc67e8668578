import * as tf from '@tensorflow/tfjs-core';
import {
  UnsortedSegmentSum,
  type KernelConfig,
  type NamedAttrMap,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
} from '@tensorflow/tfjs-core';
import { asTensor } from './kernel-tensors';

/**
 * `UnsortedSegmentSum` for backends without it (tfjs-backend-wasm 4.22; the gradient of `gather`, hence of every
 * embedding): with `segmentIds` of shape `x.shape[:k]`,
 *
 * $$y[s, \dots] = \sum_{i:\ \mathrm{ids}[i] = s} x[i, \dots], \qquad s \in [0, \text{numSegments}),$$
 *
 * as TensorFlow defines it: ids outside `[0, numSegments)` are dropped. Computed by one native `scatterNd`, which
 * adds duplicate indices; dropped ids are routed to an extra row that is sliced off, so no id is read on the host.
 */
export function unsortedSegmentSum(x: tf.Tensor, segmentIds: tf.Tensor, numSegments: number): tf.Tensor {
  return tf.tidy(() => {
    const rows = segmentIds.size;
    const rest = x.shape.slice(segmentIds.rank);
    const width = rest.reduce((a, b) => a * b, 1);
    const ids = tf.reshape(tf.cast(segmentIds, 'int32'), [rows]);
    const valid = tf.logicalAnd(tf.greaterEqual(ids, 0), tf.less(ids, numSegments));
    const routed = tf.where(valid, ids, tf.fill([rows], numSegments, 'int32'));
    const summed = tf.scatterND(tf.reshape(routed, [rows, 1]), tf.reshape(x, [rows, width]), [numSegments + 1, width]);
    return tf.reshape(tf.slice(summed, [0, 0], [numSegments, width]), [numSegments, ...rest]);
  });
}

/** The kernel registration of {@link unsortedSegmentSum}. */
export const unsortedSegmentSumKernel: Omit<KernelConfig, 'backendName'> = {
  kernelName: UnsortedSegmentSum,
  kernelFunc: ({ inputs, attrs }): TensorInfo =>
    unsortedSegmentSum(
      asTensor(inputs['x']!),
      asTensor(inputs['segmentIds']!),
      (attrs as unknown as UnsortedSegmentSumAttrs & NamedAttrMap).numSegments,
    ),
};
