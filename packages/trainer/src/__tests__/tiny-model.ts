import * as tf from '@tensorflow/tfjs-core';
import { arrayDataset, type Dataset } from '../data/dataset';
import type { TrainableModel } from '@nnopt/core';

let instances = 0;

/**
 * A two-layer perceptron over flattened inputs with a BatchNorm-like running mean buffer, written with tfjs-core
 * ops: enough to exercise parameters, buffers and training mode in trainer tests.
 */
export function tinyMlp(inputSize: number, hidden: number, classes: number, seed = 1): TrainableModel {
  const id = instances++;
  const v = (name: string, t: tf.Tensor, trainable = true) => tf.variable(t, trainable, `tiny${id}/${name}`);
  const params = {
    'fc1.weight': v('fc1.weight', tf.randomNormal([inputSize, hidden], 0, 0.3, 'float32', seed)),
    'fc1.bias': v('fc1.bias', tf.zeros([hidden])),
    'fc2.weight': v('fc2.weight', tf.randomNormal([hidden, classes], 0, 0.3, 'float32', seed + 1)),
    'fc2.bias': v('fc2.bias', tf.zeros([classes])),
  };
  const buffers = { 'norm.running_mean': v('norm.running_mean', tf.zeros([inputSize]), false) };
  return {
    forward(x, { training }) {
      const flat = tf.reshape(x, [x.shape[0]!, inputSize]);
      if (training) {
        const mean = tf.mean(flat, 0);
        buffers['norm.running_mean'].assign(tf.add(tf.mul(buffers['norm.running_mean'], 0.9), tf.mul(mean, 0.1)));
      }
      const h = tf.relu(tf.add(tf.matMul(flat, params['fc1.weight']), params['fc1.bias']));
      return tf.add(tf.matMul(h, params['fc2.weight']), params['fc2.bias']);
    },
    namedParameters: () => params,
    namedBuffers: () => buffers,
  };
}

/** A separable 3-class problem: class c has its mass around coordinate c. */
export function blobs(size: number, features = 4, seed = 0): Dataset {
  const x = new Float32Array(size * features);
  const y = new Int32Array(size);
  let s = seed + 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
  for (let i = 0; i < size; i++) {
    y[i] = i % 3;
    for (let j = 0; j < features; j++) x[i * features + j] = (j === y[i] ? 2 : 0) + rand();
  }
  return arrayDataset({ x, y, sampleShape: [features / 2, 2, 1], numClasses: 3 });
}

export function disposeModel(model: TrainableModel): void {
  tf.dispose([...Object.values(model.namedParameters()), ...Object.values(model.namedBuffers())]);
}
