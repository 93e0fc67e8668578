import * as tf from '@tensorflow/tfjs-core';

/**
 * A device-side running total and a host-side count: `add` folds a scalar in without a sync, `value` syncs once.
 * The total is kept in a tensor the sum owns; `dispose` frees it.
 */
export class RunningSum {
  private total: tf.Scalar | null = null;
  private offset = 0;
  count = 0;

  add(value: tf.Scalar, count: number): void {
    const next = tf.tidy(() => (this.total ? tf.add(this.total, value) : tf.clone(value)) as tf.Scalar);
    this.total?.dispose();
    // kept: a sum may be updated inside a caller's tidy or gradient scope and must outlive it
    this.total = tf.keep(next);
    this.count += count;
  }

  /** The total, read from the device. */
  value(): number {
    return this.offset + (this.total ? this.total.dataSync()[0]! : 0);
  }

  set(total: number, count: number): void {
    this.reset();
    this.offset = total;
    this.count = count;
  }

  reset(): void {
    this.total?.dispose();
    this.total = null;
    this.offset = 0;
    this.count = 0;
  }
}
