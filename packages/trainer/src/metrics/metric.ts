import type * as tf from '@tensorflow/tfjs-core';

/**
 * A streaming metric. `update` folds a batch in on the device (no sync); `result` reads the value (one sync);
 * `reset` starts over. `stateDict`/`loadStateDict` carry the running sums across a checkpoint.
 */
export interface Metric {
  readonly name: string;
  /** `logits` [batch, classes], `labels` [batch] int32 class indices; `loss` is the batch's mean loss. */
  update(logits: tf.Tensor, labels: tf.Tensor, loss: tf.Scalar): void;
  result(): number;
  reset(): void;
  stateDict(): { [key: string]: number };
  loadStateDict(state: { [key: string]: number }): void;
}
