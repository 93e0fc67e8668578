#!/usr/bin/env node
// Forward+backward time per batch of @nnopt/models' small CNN and ResNet18 on the cpu and wasm backends, side by
// side with a tfjs-layers equivalent of the small CNN (stock tfjs-layers has no ResNet). Needs built packages:
//   npx -y pnpm@12.4.2 --filter @nnopt/core --filter @nnopt/regularizers --filter @nnopt/models run build
//   node tools/bench/models-bench.mjs [--backends cpu,wasm] [--batch 32] [--steps 5] [--resnet-width 1] [--resnet-batch 8]
// Run it alone: timings taken while other jobs share the 2 cores are meaningless.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const modelsDir = fileURLToPath(new URL('../../packages/models/', import.meta.url));
const require = createRequire(modelsDir + 'package.json');
const load = (spec) => import(require.resolve(spec));
const tf = await load('@tensorflow/tfjs-core');
await load('@tensorflow/tfjs-backend-cpu');
await load('@tensorflow/tfjs-backend-wasm');
const tfl = await load('@tensorflow/tfjs-layers');
const core = await load('@nnopt/core');
const models = await import(modelsDir + 'dist/index.js');

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => a.trim().split(/\s+/)));
const backends = (args.backends ?? 'cpu,wasm').split(',');
const batch = Number(args.batch ?? 32);
const steps = Number(args.steps ?? 5);
const resnetWidth = Number(args['resnet-width'] ?? 1);
const resnetBatch = Number(args['resnet-batch'] ?? 8);

/** Median ms of `steps` calls of `step` after one warm-up call. */
async function time(step) {
  step();
  const times = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** One forward + backward of softmax cross-entropy through an nnopt model; data() forces the work to finish. */
function nnoptStep(model, x, y) {
  const params = Object.values(model.namedParameters());
  return () => {
    const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.forward(x, { training: true })), params);
    Object.values(grads).forEach((g) => g.dataSync());
    tf.dispose([value, ...Object.values(grads)]);
  };
}

function layersSmallCnn(width, classes) {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: width, kernelSize: 3, padding: 'same' }),
      tfl.layers.batchNormalization(),
      tfl.layers.activation({ activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 2 * width, kernelSize: 3, padding: 'same' }),
      tfl.layers.batchNormalization(),
      tfl.layers.activation({ activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.globalAveragePooling2d({}),
      tfl.layers.dense({ units: classes }),
    ],
  });
}

const rows = [];
for (const backend of backends) {
  await core.useBackend(backend, { log: () => {} });
  models.registerWasmTrainingKernels();
  const cnnX = tf.randomNormal([batch, 28, 28, 1]);
  const cnnY = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32'), 10);
  const cnn = models.smallCnn({ width: 16, key: core.prngKey(0) });
  rows.push([backend, `nnopt smallCnn (batch ${batch})`, await time(nnoptStep(cnn, cnnX, cnnY))]);
  const lcnn = layersSmallCnn(16, 10);
  rows.push([backend, `tfjs-layers small CNN (batch ${batch})`, await time(nnoptStep(models.fromLayersModel(lcnn), cnnX, cnnY))]);
  const rx = tf.randomNormal([resnetBatch, 32, 32, 3]);
  const ry = tf.oneHot(tf.tensor1d(Array.from({ length: resnetBatch }, (_, i) => i % 10), 'int32'), 10);
  const net = models.resnet({ depth: 18, widthMultiplier: resnetWidth, numClasses: 10, stem: 'small', key: core.prngKey(1) });
  rows.push([backend, `nnopt resnet18 small stem, width x${resnetWidth} (batch ${resnetBatch}, 32x32)`, await time(nnoptStep(net, rx, ry))]);
  rows.push([backend, 'tfjs-layers resnet18', NaN]);
  tf.dispose([cnnX, cnnY, rx, ry]);
  cnn.dispose();
  net.dispose();
  lcnn.dispose();
}
console.log('backend | model | forward+backward ms/batch (median of ' + steps + ')');
for (const [b, m, ms] of rows) console.log(`${b} | ${m} | ${Number.isNaN(ms) ? 'no stock equivalent' : ms.toFixed(1)}`);
