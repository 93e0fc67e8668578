#!/usr/bin/env node
// End-to-end training on Fashion-MNIST, one runner per process (so peak RSS is the runner's own):
//   nnopt:   @nnopt/models (mlp / smallCnn) + @nnopt/trainer fit + @nnopt/optimizers adam (fused)
//   layers:  the same architecture in tfjs-layers, model.fit, tf.train.adam, on stock tfjs; for the CNN on wasm only
//            the missing Conv2DBackpropFilter is patched in (@nnopt/models' conv2dBackpropFilter), nothing else
// Throughput over --batches batches after 3 warmup batches; for the MLP also one full epoch (time-to-accuracy) and
// the test accuracy after it. Part of `pnpm run bench` (tools/bench/run.mjs).
//
//   node tools/bench/train-throughput.mjs --runner nnopt|layers --model mlp|cnn [--backend wasm] [--batches 40]
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { prngKey, useBackend } from '../../packages/core/dist/index.js';
import { conv2dBackpropFilter, mlp, registerWasmTrainingKernels, smallCnn } from '../../packages/models/dist/index.js';
import { adam } from '../../packages/optimizers/dist/index.js';
import { accuracy, dataLoader, evaluate, fit } from '../../packages/trainer/dist/index.js';
import { loadMnistFormat } from '../../packages/trainer/dist/node.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runner = arg('runner', 'nnopt');
const kind = arg('model', 'mlp');
const backend = arg('backend', 'wasm');
const batches = Number(arg('batches', kind === 'mlp' ? 60 : 20));
const batchSize = Number(arg('batch-size', 128));
const epochForAccuracy = kind === 'mlp' && arg('epoch', 'yes') !== 'no';
const jsonPath = arg('json', undefined);

tf.env().set('IS_TEST', true); // silences the cpu backend's banner
if (backend === 'wasm' && runner === 'nnopt') registerWasmTrainingKernels();
if (backend === 'wasm' && runner === 'layers' && kind === 'cnn') {
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => conv2dBackpropFilter(inputs.x, inputs.dy, attrs),
  });
}
await useBackend(backend, { log: () => {} });
tf.env().set('IS_TEST', false);
const { train, test } = await loadMnistFormat();
const warmup = 3;
const result = { runner, model: kind, backend, batchSize, batches };

/** Times `train` (the `batches` timed batches) and records throughput and the per-step change of tf.memory(). */
async function measure(train) {
  const before = tf.memory();
  const t0 = performance.now();
  await train();
  const seconds = (performance.now() - t0) / 1000;
  const after = tf.memory();
  Object.assign(result, {
    samplesPerS: (batches * batchSize) / seconds,
    tensorsPerStep: (after.numTensors - before.numTensors) / batches,
    bytesPerStep: (after.numBytes - before.numBytes) / batches,
    liveTensors: after.numTensors,
  });
}

if (runner === 'nnopt') {
  const build = () => {
    const net = kind === 'mlp' ? mlp({ inFeatures: 784, hiddenFeatures: [256, 128], outFeatures: 10, key: prngKey(0) }) : smallCnn({ key: prngKey(0) });
    if (kind !== 'mlp') return net;
    return { forward: (x, o) => net.forward(tf.reshape(x, [x.shape[0], 784]), o), namedParameters: () => net.namedParameters(), namedBuffers: () => net.namedBuffers() };
  };
  const model = build();
  const optimizer = adam({ learningRate: 1e-3 });
  const data = dataLoader(train, { batchSize, seed: 0, dropLast: true });
  await fit({ model, optimizer, data, steps: warmup, logEvery: 1000 });
  await measure(() => fit({ model, optimizer, data, steps: batches, logEvery: 10 }));
  if (epochForAccuracy) {
    const fresh = build();
    const opt = adam({ learningRate: 1e-3 });
    const t1 = performance.now();
    await fit({ model: fresh, optimizer: opt, data, epochs: 1 });
    result.epochSeconds = (performance.now() - t1) / 1000;
    const logs = evaluate(fresh, dataLoader(test, { batchSize: 1000, shuffle: false }), { metrics: [accuracy()] });
    result.testAccuracy = Object.values(logs)[0];
  }
} else {
  const req = createRequire(new URL('../../packages/models/package.json', import.meta.url));
  const tfl = await import(req.resolve('@tensorflow/tfjs-layers'));
  const build = () => {
    const m = tfl.sequential();
    if (kind === 'mlp') {
      m.add(tfl.layers.flatten({ inputShape: [28, 28, 1] }));
      m.add(tfl.layers.dense({ units: 256, activation: 'relu' }));
      m.add(tfl.layers.dense({ units: 128, activation: 'relu' }));
      m.add(tfl.layers.dense({ units: 10 }));
    } else {
      m.add(tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'same' }));
      m.add(tfl.layers.batchNormalization());
      m.add(tfl.layers.reLU());
      m.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
      m.add(tfl.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same' }));
      m.add(tfl.layers.batchNormalization());
      m.add(tfl.layers.reLU());
      m.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
      m.add(tfl.layers.globalAveragePooling2d({}));
      m.add(tfl.layers.dense({ units: 10 }));
    }
    // Logits + sparse softmax cross-entropy, as nnopt's trainer and torch.nn.CrossEntropyLoss.
    m.compile({ optimizer: tf.train.adam(1e-3), loss: (y, logits) => tf.losses.softmaxCrossEntropy(y, logits) });
    return m;
  };
  const slice = (from, count) => {
    const { x, y } = train.batch(Int32Array.from({ length: count }, (_, i) => (from + i) % train.size));
    const yf = tf.tidy(() => tf.cast(tf.oneHot(tf.cast(y, 'int32'), 10), 'float32'));
    y.dispose();
    return { x, y: yf };
  };
  const model = build();
  const w = slice(0, warmup * batchSize);
  await model.fit(w.x, w.y, { batchSize, epochs: 1, shuffle: false, verbose: 0 });
  const d = slice(warmup * batchSize, batches * batchSize);
  await measure(() => model.fit(d.x, d.y, { batchSize, epochs: 1, shuffle: false, verbose: 0 }));
  tf.dispose([w.x, w.y, d.x, d.y]);
  if (epochForAccuracy) {
    const fresh = build();
    const all = slice(0, Math.floor(train.size / batchSize) * batchSize);
    const t1 = performance.now();
    await fresh.fit(all.x, all.y, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
    result.epochSeconds = (performance.now() - t1) / 1000;
    const { x, y } = test.batch(Int32Array.from({ length: test.size }, (_, i) => i));
    const predicted = tf.tidy(() => tf.argMax(fresh.predict(x, { batchSize: 1000 }), 1));
    result.testAccuracy = tf.tidy(() => tf.mean(tf.cast(tf.equal(predicted, tf.cast(y, 'int32')), 'float32')).dataSync()[0]);
    tf.dispose([x, y, predicted, all.x, all.y]);
  }
}
result.maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(result));
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(result, null, 1));
