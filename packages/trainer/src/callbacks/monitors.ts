import * as tf from '@tensorflow/tfjs-core';
import type { Callback } from '@nnopt/core';

/** Adds `samples_per_sec` (training samples over the epoch's wall time) to each epoch's logs. */
export function throughputMonitor({ now = () => performance.now() }: { now?: () => number } = {}): Callback {
  let started = 0;
  let samples = 0;
  return {
    onEpochBegin() {
      started = now();
      samples = 0;
    },
    onBatchEnd(_ctx, logs) {
      samples += logs.size ?? 0;
    },
    onEpochEnd(_ctx, logs) {
      logs.samples_per_sec = samples / Math.max(1e-9, (now() - started) / 1000);
    },
  };
}

/**
 * Adds `tensors` and `tensor_bytes` (`tf.memory()`) to each epoch's logs and throws when the number of live tensors
 * grows from one epoch to the next by more than `maxGrowth` (default: never throws), the sign of a leak.
 */
export function memoryMonitor({ maxGrowth = Infinity }: { maxGrowth?: number } = {}): Callback {
  let previous: number | null = null;
  return {
    onEpochEnd(ctx, logs) {
      const { numTensors, numBytes } = tf.memory();
      logs.tensors = numTensors;
      logs.tensor_bytes = numBytes;
      if (previous !== null && numTensors - previous > maxGrowth) {
        throw new Error(`memoryMonitor: live tensors grew from ${previous} to ${numTensors} during epoch ${ctx.epoch}`);
      }
      previous = numTensors;
    },
  };
}
