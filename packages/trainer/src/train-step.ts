import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertPositive, ensureGradients, globalNorm, type PRNGKey, type TensorMap, type TrainableModel } from '@nnopt/core';
import type { Batch } from './data/dataset';
import { sparseSoftmaxCrossEntropy, type LossFn } from './losses';
import type { Metric } from './metrics/metric';

/** A penalty added to the loss, e.g. `l2({ lambda })` from @nnopt/regularizers. */
export type Penalty = (params: TensorMap<tf.Variable>) => tf.Scalar;

/** Options of {@link createTrainStep}. */
export interface TrainStepOptions {
  readonly model: TrainableModel;
  /** Any `tf.Optimizer`: an @nnopt/optimizers optimizer or one of `tf.train.*`. */
  readonly optimizer: tf.Optimizer;
  /** Default: {@link sparseSoftmaxCrossEntropy}. */
  readonly loss?: LossFn;
  readonly regularizers?: readonly Penalty[];
  /** Gradient clipping before the optimizer: by global L2 norm (`torch.nn.utils.clip_grad_norm_`) and/or by value. */
  readonly clip?: { readonly globalNorm?: number; readonly value?: number };
  /** Micro-batches per optimizer step (gradient accumulation; gradients are averaged). Default 1. */
  readonly accumulate?: number;
  /** Metrics updated with each batch's outputs, on the device. */
  readonly metrics?: readonly Metric[];
}

/** One training call per batch. */
export interface TrainStep {
  /**
   * Runs forward and backward on `batch` (with `key` seeding dropout and other stochastic layers) and, every
   * `accumulate` calls, one optimizer step. Returns the batch loss (data term plus penalties) as a scalar the caller
   * owns; nothing is read back from the device.
   */
  (batch: Batch, options?: { readonly key?: PRNGKey }): tf.Scalar;
  /** Optimizer steps applied so far. */
  readonly steps: number;
  /** Micro-batches waiting in the accumulator (0 right after an optimizer step). */
  readonly pending: number;
}

/**
 * Builds a leak-free training step: gradients come from `tf.variableGrads` over the model's named parameters,
 * are clipped and accumulated as asked, and are passed to `optimizer.applyGradients` keyed by tfjs variable name.
 * Every tensor it creates is freed before it returns, except the returned loss.
 */
export function createTrainStep({
  model,
  optimizer,
  loss = sparseSoftmaxCrossEntropy,
  regularizers = [],
  clip = {},
  accumulate = 1,
  metrics = [],
}: TrainStepOptions): TrainStep {
  assertInteger('accumulate', accumulate, 1);
  if (clip.globalNorm !== undefined) assertPositive('clip.globalNorm', clip.globalNorm);
  if (clip.value !== undefined) assertPositive('clip.value', clip.value);
  const params = model.namedParameters();
  const variables = Object.values(params).filter((v) => v.trainable);
  if (variables.length === 0) throw new Error('the model has no trainable parameters');
  let sum: TensorMap | null = null;
  let pending = 0;
  let steps = 0;

  const run = (batch: Batch, { key }: { readonly key?: PRNGKey } = {}): tf.Scalar => {
    ensureGradients();
    let outputs: tf.Tensor | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const out = model.forward(batch.x, { training: true, key });
      outputs = tf.keep(out);
      const l = loss(out, batch.y);
      return regularizers.length === 0 ? l : (tf.addN([l, ...regularizers.map((r) => r(params))]) as tf.Scalar);
    }, variables);
    try {
      for (const metric of metrics) metric.update(outputs!, batch.y, value);
    } finally {
      outputs!.dispose();
    }
    const accumulated = sum === null ? grads : tf.tidy(() => Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.add(sum![k]!, g)])));
    if (sum !== null) {
      tf.dispose(Object.values(grads));
      tf.dispose(Object.values(sum));
    }
    sum = accumulated;
    pending += 1;
    if (pending === accumulate) {
      const untouched = accumulate === 1 && clip.value === undefined && clip.globalNorm === undefined;
      const ready = untouched ? sum : tf.tidy(() => finalize(sum!, accumulate, clip));
      try {
        optimizer.applyGradients(ready);
      } finally {
        tf.dispose(Object.values(ready));
        if (ready !== sum) tf.dispose(Object.values(sum));
        sum = null;
        pending = 0;
      }
      steps += 1;
    }
    return value;
  };
  return Object.defineProperties(run, {
    steps: { get: () => steps },
    pending: { get: () => pending },
  }) as TrainStep;
}

/** Accumulated sum -> averaged and clipped gradients; every returned tensor is new (called only when one of the three applies). */
function finalize(sum: TensorMap, accumulate: number, clip: TrainStepOptions['clip'] & object): TensorMap {
  let grads = accumulate === 1 ? { ...sum } : Object.fromEntries(Object.entries(sum).map(([k, g]) => [k, tf.div(g, accumulate)]));
  if (clip.value !== undefined) {
    const v = clip.value;
    grads = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.clipByValue(g, -v, v)]));
  }
  if (clip.globalNorm !== undefined) {
    // torch.nn.utils.clip_grad_norm_: scale by min(1, max_norm / (total_norm + 1e-6)).
    const scale = tf.minimum(1, tf.div(clip.globalNorm, tf.add(globalNorm(grads), 1e-6)));
    grads = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, scale)]));
  }
  return grads;
}
