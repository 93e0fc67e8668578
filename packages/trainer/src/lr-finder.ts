import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertPositive, foldIn, prngKey, type TrainableModel } from '@nnopt/core';
import type { DataLoader } from './data/loader';
import { setHyperparameter } from './hyperparameters';
import type { LossFn } from './losses';
import { createTrainStep } from './train-step';

/** Options of {@link lrRangeTest}. */
export interface LrRangeTestOptions {
  readonly model: TrainableModel;
  readonly optimizer: tf.Optimizer;
  readonly data: DataLoader;
  readonly loss?: LossFn;
  /** Learning rates grow geometrically from `minLr` to `maxLr` over `steps` steps (defaults 1e-7, 10, 100). */
  readonly minLr?: number;
  readonly maxLr?: number;
  readonly steps?: number;
  /** Exponential smoothing of the loss curve (default 0.98, bias-corrected). */
  readonly smoothing?: number;
  /** Stop once the smoothed loss exceeds this multiple of its minimum (default 4). */
  readonly divergeThreshold?: number;
  readonly seed?: number;
}

/** What {@link lrRangeTest} measured. */
export interface LrRangeTestResult {
  readonly learningRates: number[];
  /** Smoothed losses, one per learning rate. */
  readonly losses: number[];
  /** The learning rate where the smoothed loss falls fastest (steepest negative slope in log-lr). */
  readonly suggestion: number;
}

/**
 * The learning-rate range test (Smith 2017, https://arxiv.org/abs/1506.01186; fastai's `lr_find`): train for up to
 * `steps` batches with an exponentially increasing learning rate, record the smoothed loss, and suggest the rate at
 * the steepest descent. The model's variables are restored afterwards; the optimizer's state is not (the test
 * trains through it), so pass an optimizer made for the test, as `nnopt lr-find` does.
 */
export async function lrRangeTest({
  model,
  optimizer,
  data,
  loss,
  minLr = 1e-7,
  maxLr = 10,
  steps = 100,
  smoothing = 0.98,
  divergeThreshold = 4,
  seed = 0,
}: LrRangeTestOptions): Promise<LrRangeTestResult> {
  assertPositive('minLr', minLr);
  assertPositive('maxLr', maxLr);
  if (maxLr <= minLr) throw new RangeError(`maxLr must be > minLr (${minLr}), got ${maxLr}`);
  assertInteger('steps', steps, 2);
  // The test trains the model: keep its variables to put them back.
  const variables = { ...model.namedParameters(), ...model.namedBuffers() };
  const saved = Object.fromEntries(Object.entries(variables).map(([name, v]) => [name, tf.clone(v)]));
  const step = createTrainStep({ model, optimizer, loss });
  const learningRates: number[] = [];
  const losses: number[] = [];
  let average = 0;
  let best = Infinity;
  try {
    const root = prngKey(seed);
    for (let epoch = 0, i = 0; i < steps; epoch++) {
      for (const batch of data.epoch(epoch)) {
        if (i >= steps) {
          tf.dispose([batch.x, batch.y]);
          break;
        }
        const lr = minLr * (maxLr / minLr) ** (i / (steps - 1));
        setHyperparameter(optimizer, 'learningRate', lr);
        const l = step(batch, { key: foldIn(root, i) });
        tf.dispose([batch.x, batch.y]);
        const value = l.dataSync()[0]!;
        l.dispose();
        i += 1;
        average = smoothing * average + (1 - smoothing) * value;
        const smoothed = average / (1 - smoothing ** i);
        learningRates.push(lr);
        losses.push(smoothed);
        best = Math.min(best, smoothed);
        if (!Number.isFinite(smoothed) || smoothed > divergeThreshold * best) {
          i = steps;
          break;
        }
      }
    }
  } finally {
    for (const [name, value] of Object.entries(saved)) variables[name]!.assign(value);
    tf.dispose(Object.values(saved));
  }
  return { learningRates, losses, suggestion: steepest(learningRates, losses) };
}

function steepest(lrs: number[], losses: number[]): number {
  let best = 0;
  let slope = Infinity;
  for (let i = 1; i < losses.length; i++) {
    const s = (losses[i]! - losses[i - 1]!) / (Math.log(lrs[i]!) - Math.log(lrs[i - 1]!));
    if (Number.isFinite(s) && s < slope) {
      slope = s;
      best = i;
    }
  }
  return lrs[best] ?? lrs[0]!;
}
