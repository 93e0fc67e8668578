import * as tf from '@tensorflow/tfjs-core';

/**
 * A confusion matrix accumulated on the device: entry `[t][p]` counts samples of true class `t` predicted as `p`
 * (argmax of the logits).
 */
export class ConfusionMatrix {
  private counts: tf.Tensor2D;

  constructor(readonly numClasses: number) {
    this.counts = tf.zeros([numClasses, numClasses], 'int32');
  }

  update(logits: tf.Tensor, labels: tf.Tensor): void {
    const next = tf.tidy(() => {
      const index = tf.add(tf.mul(tf.cast(labels, 'int32'), this.numClasses), tf.argMax(logits, 1));
      const flat = tf.bincount(tf.cast(index, 'int32') as tf.Tensor1D, tf.tensor1d([], 'int32'), this.numClasses * this.numClasses);
      return tf.add(this.counts, tf.reshape(tf.cast(flat, 'int32'), [this.numClasses, this.numClasses])) as tf.Tensor2D;
    });
    this.counts.dispose();
    this.counts = tf.keep(next);
  }

  /** The matrix as rows of counts (one sync). */
  result(): number[][] {
    return this.counts.arraySync();
  }

  dispose(): void {
    this.counts.dispose();
  }
}
