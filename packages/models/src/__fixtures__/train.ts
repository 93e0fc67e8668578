// Test-only: a few SGD steps on a fixed batch, returning the losses, with the memory of each step checked flat.
import * as tf from '@tensorflow/tfjs-core';
import { foldIn, prngKey, type TrainableModel } from '@nnopt/core';
import { expectFlatMemory } from '@nnopt/core/testing';

/**
 * Runs `steps` steps of plain SGD (`p <- p - lr * g`) on softmax cross-entropy of `model(x)` against the one-hot
 * labels `y`, in training mode with a per-step key (or one key for every step with `sameMask`, so dropout
 * draws the same mask and the objective is fixed); asserts that steps after the first keep `numTensors` flat.
 * Resolves to the loss of every step.
 */
export async function trainSteps(model: TrainableModel, x: tf.Tensor, y: tf.Tensor, { steps = 6, learningRate = 0.05, sameMask = false } = {}): Promise<number[]> {
  const losses: number[] = [];
  const params = Object.values(model.namedParameters());
  const key = prngKey(7);
  const step = () => {
    const { value, grads } = tf.variableGrads(
      () => tf.losses.softmaxCrossEntropy(y, model.forward(x, { training: true, key: foldIn(key, sameMask ? 0 : losses.length) })) as tf.Scalar,
      params,
    );
    tf.tidy(() => {
      for (const p of params) {
        const g = grads[p.name];
        if (g === undefined) throw new Error(`no gradient for ${p.name}`);
        p.assign(tf.sub(p, tf.mul(g, learningRate)));
      }
    });
    losses.push(value.dataSync()[0]!);
    tf.dispose([value, ...Object.values(grads)]);
  };
  await expectFlatMemory(step, { warmup: 1, steps: steps - 1 });
  return losses;
}

/** A fixed batch: `n` random images (NHWC) or vectors and their one-hot labels. */
export function randomBatch(shape: number[], numClasses: number, seed = 1): { x: tf.Tensor; y: tf.Tensor } {
  return tf.tidy(() => {
    const x = tf.randomNormal(shape, 0, 1, 'float32', seed);
    const labels = Array.from({ length: shape[0]! }, (_, i) => i % numClasses);
    return { x, y: tf.oneHot(tf.tensor1d(labels, 'int32'), numClasses) };
  });
}
