import * as tf from '@tensorflow/tfjs-core';
import { check } from './validate';

/** Turns `[N, K]` float targets or sparse int32 `[N]` indices (with `numClasses`) into float `[N, K]`. */
export function toSoftLabels(transform: string, labels: tf.Tensor, n: number, numClasses: number | undefined): tf.Tensor2D {
  if (labels.rank === 1) {
    check(labels.dtype === 'int32', transform, 'labels', `a rank-1 ${labels.dtype} tensor`, 'int32 class indices or [N, K] float targets');
    check(numClasses !== undefined, transform, 'numClasses', numClasses, 'given when labels are sparse class indices');
    check(labels.shape[0] === n, transform, 'labels', `${labels.shape[0]} labels`, `one per image (${n})`);
    return tf.tidy(() => tf.cast(tf.oneHot(labels as tf.Tensor1D, numClasses!), 'float32')) as tf.Tensor2D;
  }
  check(labels.rank === 2 && labels.shape[0] === n, transform, 'labels', `shape [${labels.shape.join(', ')}]`, `[${n}, numClasses] targets or [${n}] int32 indices`);
  return tf.cast(labels, 'float32') as tf.Tensor2D;
}

/** `lam * a + (1 - lam) * roll(a, 1)` along the batch, the pairing of torchvision's reference mixup/cutmix. */
export function mixWithRolled<T extends tf.Tensor>(a: T, lam: number): T {
  return tf.tidy(() => tf.add(tf.mul(a, lam), tf.mul(rollBatch(a), 1 - lam)) as T);
}

/** `roll(a, 1)` along the batch axis. */
export function rollBatch<T extends tf.Tensor>(a: T): T {
  const n = a.shape[0]!;
  return (n > 1 ? tf.concat([tf.slice(a, [n - 1], [1]), tf.slice(a, [0], [n - 1])], 0) : tf.clone(a)) as T;
}
