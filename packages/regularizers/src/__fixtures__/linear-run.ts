// Test-only: a tiny training loop (linear regression, tf.variableGrads + plain SGD) that drives core callbacks.
import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients, runCallbacks, type Callback, type Logs, type TrainingContext } from '@nnopt/core';

export interface LinearRun {
  /** Variable values at the end of each epoch, by name. */
  snapshots: Record<string, number[]>[];
  /** Logs passed to onEpochEnd. */
  logs: Logs[];
  /** Live tensor count at each epoch end (after the callbacks ran). */
  tensorCounts: number[];
  stoppedAt: number | undefined;
  variables: Record<string, tf.Variable>;
}

/**
 * Trains y = x w + b on data from y = x [2, -1] + 0.5 with batches of 4, validating on data from a model half that
 * size, so val_loss first falls and then rises: its minimum lies strictly inside the run.
 */
export async function linearRun(
  callbacks: Callback[],
  { epochs = 30, lr = 0.05, batchesPerEpoch = 2 }: { epochs?: number; lr?: number; batchesPerEpoch?: number } = {},
): Promise<LinearRun> {
  ensureGradients();
  const variables = tf.tidy(() => ({ 'fc.weight': tf.variable(tf.zeros([2, 1])), 'fc.bias': tf.variable(tf.zeros([1])) }));
  const [x, y, xv, yv] = tf.tidy(() => {
    const x = tf.tensor2d([[1, 0], [0, 1], [1, 1], [-1, 2], [2, 1], [0.5, -1], [-1, -1], [1.5, 0.5]]);
    const xv = tf.tensor2d([[1, 2], [-2, 1], [0.5, 0.5], [2, -1]]);
    const truth = tf.tensor2d([[2], [-1]]);
    return [x, tf.add(tf.matMul(x, truth), 0.5), xv, tf.add(tf.matMul(xv, tf.mul(truth, 0.5)), 0.25)];
  });
  const mse = (xs: tf.Tensor, ys: tf.Tensor) =>
    tf.mean(tf.square(tf.sub(tf.add(tf.matMul(xs as tf.Tensor2D, variables['fc.weight']), variables['fc.bias']), ys))) as tf.Scalar;
  const run: LinearRun = { snapshots: [], logs: [], tensorCounts: [], stoppedAt: undefined, variables };
  let stop = false;
  const ctx: TrainingContext & { epoch: number; batch: number; step: number } = {
    epoch: 0,
    batch: 0,
    step: 0,
    variables: () => variables,
    stopTraining: () => {
      stop = true;
    },
  };
  await runCallbacks(callbacks, 'onTrainBegin', ctx, {});
  for (let epoch = 0; epoch < epochs && !stop; epoch++) {
    ctx.epoch = epoch;
    await runCallbacks(callbacks, 'onEpochBegin', ctx, {});
    let loss = 0;
    for (let batch = 0; batch < batchesPerEpoch; batch++) {
      ctx.batch = batch;
      const rows = 8 / batchesPerEpoch;
      const { value, grads } = tf.variableGrads(() => mse(tf.slice(x, [batch * rows, 0], [rows, -1]), tf.slice(y, [batch * rows, 0], [rows, -1])));
      tf.tidy(() => {
        for (const v of Object.values(variables)) v.assign(tf.sub(v, tf.mul(grads[v.name]!, lr)));
      });
      loss += value.dataSync()[0]! / batchesPerEpoch;
      tf.dispose([value, ...Object.values(grads)]);
      ctx.step += 1;
      await runCallbacks(callbacks, 'onBatchEnd', ctx, { loss });
    }
    const valLoss = tf.tidy(() => mse(xv, yv).dataSync()[0]!);
    run.snapshots.push(Object.fromEntries(Object.entries(variables).map(([n, v]) => [n, Array.from(v.dataSync())])));
    const logs = { loss, val_loss: valLoss };
    run.logs.push(logs);
    await runCallbacks(callbacks, 'onEpochEnd', ctx, logs);
    run.tensorCounts.push(tf.memory().numTensors);
    if (stop) run.stoppedAt = epoch;
  }
  await runCallbacks(callbacks, 'onTrainEnd', ctx, {});
  tf.dispose([x, y, xv, yv]);
  return run;
}

/** Current values of the variables, by name. */
export function valuesOf(variables: Record<string, tf.Variable>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(variables).map(([n, v]) => [n, Array.from(v.dataSync())]));
}
