#!/usr/bin/env node
// Times the convolution backward pass (and forward, for scale) on the wasm backend with nnopt's training kernels
// against the cpu backend, per layer shape of the small CNN and of ResNet18 (small stem, 32x32 input).
//
//   npx -y pnpm@12.4.2 nx run @nnopt/models:build   # the benchmark imports the built package
//   node tools/bench/kernels-wasm.mjs [--batch 8] [--reps 5] [--only resnet18] [--json BENCH_OUT/kernels-wasm.json]
//
// Run it alone (2 shared cores: timings taken next to other jobs are meaningless). The cpu backend's
// Conv2DBackpropFilter is a scalar loop (about 50 s for ResNet18's layer1 at batch 8 here), so cpu runs once per op
// and, unless --full is given, skips dW for layers above 40M multiply-adds; --only picks layers by substring. Stock tfjs-backend-wasm 4.22 has no
// Conv2DBackpropFilter at all (tfjs issue 8474), so its dW column does not exist; its Conv2DBackpropInput does and
// is timed next to nnopt's replacement.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { ensureGradients } from '../../packages/core/dist/index.js';
import { registerWasmTrainingKernels } from '../../packages/models/dist/index.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const batch = Number(arg('batch', 8));
const only = arg('only', '');
const full = process.argv.includes('--full');
const reps = Number(arg('reps', 5));
const jsonPath = arg('json', undefined);

// [name, H(=W), Cin, Cout, k, stride, pad]
const layers = [
  ['smallCnn conv1 28x28 1->32 3x3', 28, 1, 32, 3, 1, 1],
  ['smallCnn conv2 14x14 32->64 3x3', 14, 32, 64, 3, 1, 1],
  ['resnet18 stem 32x32 3->64 3x3', 32, 3, 64, 3, 1, 1],
  ['resnet18 layer1 32x32 64->64 3x3', 32, 64, 64, 3, 1, 1],
  ['resnet18 layer2 down 32->16 64->128 3x3 s2', 32, 64, 128, 3, 2, 1],
  ['resnet18 layer2 16x16 128->128 3x3', 16, 128, 128, 3, 1, 1],
  ['resnet18 layer2 shortcut 1x1 s2', 32, 64, 128, 1, 2, 0],
  ['resnet18 layer3 8x8 256->256 3x3', 8, 256, 256, 3, 1, 1],
  ['resnet18 layer4 4x4 512->512 3x3', 4, 512, 512, 3, 1, 1],
];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn, n, warmUp = true) {
  if (warmUp) fn().dispose(); // XNNPACK operator creation, wasm heap growth
  const ts = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const out = fn();
    out.dataSync();
    ts.push(performance.now() - t0);
    out.dispose();
  }
  return median(ts);
}

// The stock wasm kernel, captured before registerWasmTrainingKernels() replaces it, called directly.
const stockBackpropInput = tf.getKernel('Conv2DBackpropInput', 'wasm');

let stockReady = false;
function runStock(inputs, attrs) {
  const backend = tf.engine().backend;
  // The backend ran setup functions only for the kernels registered when it initialized: this one was replaced.
  if (!stockReady) stockBackpropInput.setupFunc?.(backend);
  stockReady = true;
  const info = stockBackpropInput.kernelFunc({ inputs, attrs, backend });
  return { dataSync: () => backend.readSync(info.dataId), dispose: () => backend.disposeData(info.dataId) };
}

function measure(layer, backend, n) {
  const warm = backend === 'wasm';
  const [, h, cin, cout, k, s, p] = layer;
  const pad = [[0, 0], [p, p], [p, p], [0, 0]];
  const x = tf.randomNormal([batch, h, h, cin]);
  const w = tf.randomNormal([k, k, cin, cout]);
  const y = tf.conv2d(x, w, s, pad);
  const dy = tf.randomNormal(y.shape);
  const attrs = { strides: s, pad, dataFormat: 'NHWC', dimRoundingMode: undefined };
  const r = {
    forward: time(() => tf.conv2d(x, w, s, pad), n, warm),
    backpropInput: time(() => tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...attrs, inputShape: x.shape }), n, warm),
    backpropFilter:
      backend === 'cpu' && !full && y.size * k * k * cin > 40e6
        ? NaN
        : time(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: w.shape }), n, warm),
  };
  if (backend === 'wasm') r.stockBackpropInput = time(() => runStock({ dy, filter: w }, { ...attrs, inputShape: x.shape }), n);
  tf.dispose([x, w, y, dy]);
  return r;
}

tf.env().set('IS_TEST', true); // silences the cpu backend's Node banner
ensureGradients();
registerWasmTrainingKernels();
const results = [];
const f = (v) => (Number.isNaN(v) ? 'skipped' : v.toFixed(1)).padStart(8);
console.log(`${'layer (batch ' + batch + ', ms)'.padEnd(44)} ${'forward wasm | cpu'.padStart(19)}   ${'dX wasm (stock) | cpu'.padStart(30)}   ${'dW wasm | cpu'.padStart(19)}   backward cpu/wasm`);
for (const layer of layers.filter((l) => l[0].includes(only))) {
  const row = { layer: layer[0], batch };
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    await tf.ready();
    row[backend] = measure(layer, backend, backend === 'cpu' ? 1 : reps);
  }
  results.push(row);
  const backward = (b) => row[b].backpropInput + row[b].backpropFilter;
  console.log(
    `${row.layer.padEnd(44)} ${f(row.wasm.forward)} | ${f(row.cpu.forward)}   ${f(row.wasm.backpropInput)} (${f(row.wasm.stockBackpropInput)}) | ${f(row.cpu.backpropInput)}` +
      `   ${f(row.wasm.backpropFilter)} | ${f(row.cpu.backpropFilter)}   ` +
      (Number.isNaN(backward('cpu')) ? `dX x${(row.cpu.backpropInput / row.wasm.backpropInput).toFixed(1)}` : `x${(backward('cpu') / backward('wasm')).toFixed(1)}`),
  );
}
console.log(`(median of ${reps} on wasm, 1 run on cpu; wasm dX and dW are nnopt's kernels, stock wasm dX in parentheses, cpu's are tfjs' own)`);
const total = (b, key) => results.reduce((a, r) => a + r[b][key], 0);
console.log(
  `all layers: wasm backward ${(total('wasm', 'backpropInput') + total('wasm', 'backpropFilter')).toFixed(0)} ms ` +
    `(stock dX would add ${(total('wasm', 'stockBackpropInput') - total('wasm', 'backpropInput')).toFixed(0)} ms); ` +
    `cpu dX ${total('cpu', 'backpropInput').toFixed(0)} ms` + (full ? `, cpu dW ${total('cpu', 'backpropFilter').toFixed(0)} ms` : ''),
);
if (jsonPath) {
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2));
}
