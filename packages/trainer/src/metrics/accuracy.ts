import * as tf from '@tensorflow/tfjs-core';
import type { Metric } from './metric';
import { RunningSum } from './running-sum';

/**
 * Top-k accuracy: the fraction of samples whose label is among the `k` largest logits (ties count as hits when the
 * label's logit equals the k-th largest). `k = 1` is plain accuracy, named `acc`; otherwise `top<k>`.
 */
export function accuracy(k = 1, name = k === 1 ? 'acc' : `top${k}`): Metric {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  const hits = new RunningSum();
  return {
    name,
    update(logits, labels) {
      const n = labels.shape[0]!;
      const correct = tf.tidy(() => {
        const depth = logits.shape[1]!;
        const labelLogit = tf.sum(tf.mul(logits, tf.oneHot(tf.cast(labels, 'int32'), depth)), 1, true);
        const kth = k === 1 ? tf.max(logits, 1, true) : tf.slice(tf.topk(logits, Math.min(k, depth)).values, [0, Math.min(k, depth) - 1], [-1, 1]);
        return tf.sum(tf.cast(tf.greaterEqual(labelLogit, kth), 'float32')) as tf.Scalar;
      });
      hits.add(correct, n);
      correct.dispose();
    },
    result: () => (hits.count === 0 ? NaN : hits.value() / hits.count),
    reset: () => hits.reset(),
    stateDict: () => ({ total: hits.value(), count: hits.count }),
    loadStateDict: (s) => hits.set(s.total ?? 0, s.count ?? 0),
  };
}
