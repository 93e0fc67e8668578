import * as tf from '@tensorflow/tfjs-core';
import {
  applyTransform,
  ensureGradients,
  foldIn,
  permutation,
  prngKey,
  split,
  stateTensors,
  type PRNGKey,
  type State,
  type TensorMap,
} from '@nnopt/core';
import { batchTensors, type Dataset } from './data';
import { mlp } from './model';
import { augment, optimizer, schedule, stepKey, type AugmentName, type OptimizerName, type ScheduleName } from './recipes';

/** What one training run uses. */
export interface RunConfig {
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly schedule: ScheduleName;
  readonly augment: AugmentName;
  readonly steps: number;
  readonly batchSize: number;
  /** Evaluate test accuracy every this many steps (and at the end). */
  readonly evalEvery: number;
  readonly seed: number;
}

/** One step's metrics, as reported to the UI. */
export interface StepMetrics {
  readonly step: number;
  readonly loss: number;
  readonly trainAccuracy: number;
  readonly learningRate: number;
  /** Training images per second over the last step (data prep, forward, backward, update, loss readback). */
  readonly imagesPerSecond: number;
  /** Test accuracy on the 500-image test split, on evaluation steps. */
  readonly testAccuracy?: number;
  readonly numTensors: number;
}

/** Validates a run's options before any work: a RangeError names the option. */
export function validateConfig(config: RunConfig): void {
  const positiveInt = (name: keyof RunConfig, max: number) => {
    const v = config[name] as number;
    if (!Number.isInteger(v) || v < 1 || v > max) throw new RangeError(`${name} must be an integer in [1, ${max}], got ${v}`);
  };
  positiveInt('steps', 100_000);
  positiveInt('batchSize', 2000);
  positiveInt('evalEvery', 100_000);
  if (!(config.learningRate > 0 && config.learningRate < 10)) {
    throw new RangeError(`learningRate must be in (0, 10), got ${config.learningRate}`);
  }
}

/**
 * Trains the MLP on the bundled slice: each step draws a batch (epoch-wise permutation from the seed), augments
 * it, computes softmax cross-entropy and its gradients with `tf.variableGrads`, and applies the optimizer through
 * `@nnopt/core`'s `applyTransform` (the one owner of the step's memory). Calls `onStep` after every step and
 * yields to the browser so the page stays live; `shouldStop` ends the run early. Disposes everything it made.
 */
export async function train(
  data: Dataset,
  config: RunConfig,
  onStep: (metrics: StepMetrics) => void,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  validateConfig(config);
  ensureGradients();
  const [modelKey, dataKey, augKey] = split(prngKey(config.seed), 3) as [PRNGKey, PRNGKey, PRNGKey];
  const model = mlp({ key: modelKey });
  const params = model.namedParameters();
  const lr = schedule(config.schedule, config.learningRate, config.steps);
  const transform = optimizer(config.optimizer, lr);
  let state: State = transform.init(params);
  const nameOf = new Map(Object.entries(params).map(([name, v]) => [v.name, name]));
  const test = batchTensors(data.test, Array.from({ length: data.test.size }, (_, i) => i));
  let order = permutation(dataKey, data.train.size);
  let cursor = 0;
  let epoch = 0;
  try {
    for (let step = 0; step < config.steps && !shouldStop(); step++) {
      const started = performance.now();
      if (cursor + config.batchSize > order.length) {
        order = permutation(foldIn(dataKey, ++epoch), data.train.size);
        cursor = 0;
      }
      const indices = order.subarray(cursor, (cursor += config.batchSize));
      const { x, y } = batchTensors(data.train, indices);
      const xa = augment(config.augment, x, stepKey(augKey, step));
      let correct: tf.Scalar | undefined;
      const { value, grads } = tf.variableGrads(() => {
        const logits = model.forward(xa, { training: true });
        correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32'))) as tf.Scalar;
        return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
      }, Object.values(params));
      const named: TensorMap = {};
      for (const [varName, g] of Object.entries(grads)) named[nameOf.get(varName)!] = g;
      state = applyTransform(transform, state, params, named);
      const [loss, hits] = await Promise.all([value.data(), correct!.data()]);
      tf.dispose([x, y, xa, value, correct!, ...Object.values(grads)]);
      const elapsed = (performance.now() - started) / 1000;
      const evaluate = (step + 1) % config.evalEvery === 0 || step + 1 === config.steps;
      const testAccuracy = evaluate ? await accuracy(model.forward, test.x, test.y) : undefined;
      onStep({
        step,
        loss: loss[0]!,
        trainAccuracy: hits[0]! / config.batchSize,
        learningRate: lr(step),
        imagesPerSecond: config.batchSize / elapsed,
        ...(testAccuracy === undefined ? {} : { testAccuracy }),
        numTensors: tf.memory().numTensors,
      });
      // Let the page paint and handle clicks between steps.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    tf.dispose([test.x, test.y]);
    tf.dispose(stateTensors(state));
    model.dispose();
  }
}

async function accuracy(forward: ReturnType<typeof mlp>['forward'], x: tf.Tensor, y: tf.Tensor): Promise<number> {
  const hits = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(forward(x, { training: false }), 1), tf.argMax(y, 1)), 'float32')));
  const value = (await hits.data())[0]!;
  hits.dispose();
  return value / x.shape[0]!;
}
