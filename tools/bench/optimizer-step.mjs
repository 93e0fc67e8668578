#!/usr/bin/env node
// One optimizer step on 1M and 10M float32 parameters, side by side in this process on one backend:
// nnopt's fused path, nnopt's composed ops (`fused: false`), tf.train.*, and the memory-bandwidth floor measured
// here (the memcpy bandwidth of Float32Array.prototype.set). Competitors are interleaved repetition by repetition, so machine noise hits
// them alike; medians are reported. Part of `pnpm run bench` (tools/bench/run.mjs), which builds the packages first.
//
//   node tools/bench/optimizer-step.mjs --backend wasm [--sizes 1e6,1e7] [--json out.json]
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { useBackend } from '../../packages/core/dist/index.js';
import { adam, sgd } from '../../packages/optimizers/dist/index.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const backend = arg('backend', 'wasm');
const sizes = arg('sizes', '1e6,1e7').split(',').map(Number);
const jsonPath = arg('json', undefined);
tf.env().set('IS_TEST', true); // silences the cpu backend's banner
await useBackend(backend, { log: () => {} });
tf.env().set('IS_TEST', false);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * The memory floor, measured here: `Float32Array.prototype.set` (a memcpy: 1 read + 1 write per element) gives the
 * streaming bandwidth; the a*x+y loop (2 reads + 1 write) shows what a scalar JavaScript loop reaches.
 */
function bandwidthFloor(n, reps) {
  const x = new Float32Array(n).fill(1);
  const y = new Float32Array(n).fill(2);
  const copy = [];
  const axpy = [];
  for (let r = 0; r < reps + 1; r++) {
    const t0 = performance.now();
    y.set(x);
    const t1 = performance.now();
    for (let i = 0; i < n; i++) y[i] = 0.5 * x[i] + y[i];
    const t2 = performance.now();
    if (r > 0) {
      copy.push(t1 - t0);
      axpy.push(t2 - t1);
    }
  }
  return { gbPerS: (2 * 4 * n) / (median(copy) * 1e6), axpyMs: median(axpy), axpyGbPerS: (3 * 4 * n) / (median(axpy) * 1e6) };
}

const rows = [];
for (const n of sizes) {
  const reps = n >= 5e6 ? 5 : 9;
  const suites = {
    adam: {
      // An Adam step streams p, g, m, v in and p, m, v out: 7 arrays of n floats.
      arrays: 7,
      competitors: {
        'nnopt fused': () => adam({ learningRate: 1e-3 }),
        'nnopt composed': () => adam({ learningRate: 1e-3, fused: false }),
        'tf.train.adam': () => tf.train.adam(1e-3),
      },
    },
    'sgd momentum': {
      arrays: 5,
      competitors: {
        'nnopt fused': () => sgd({ learningRate: 1e-2, momentum: 0.9 }),
        'nnopt composed': () => sgd({ learningRate: 1e-2, momentum: 0.9, fused: false }),
        'tf.train.momentum': () => tf.train.momentum(1e-2, 0.9),
      },
    },
  };
  const floor = bandwidthFloor(n, reps);
  for (const [optimizer, { arrays, competitors }] of Object.entries(suites)) {
    const runs = Object.entries(competitors).map(([name, make], k) => {
      const w = tf.variable(tf.randomNormal([n], 0, 1, 'float32', 1), true, `bench/${optimizer}/${n}/${k}`);
      const g = tf.randomNormal([n], 0, 1e-2, 'float32', 2);
      const opt = make();
      return { name, w, g, opt, times: [], tensors: [], bytes: [] };
    });
    // cpu and wasm run kernels synchronously: the step is done when applyGradients returns. (No dataSync here: on
    // wasm it copies the whole parameter out of the heap, which would add a 40 MB copy to every competitor.)
    const step = (run) => run.opt.applyGradients({ [run.w.name]: run.g });
    for (const run of runs) step(run); // first step creates the state
    for (let r = 0; r < reps; r++) {
      for (const run of runs) {
        const before = tf.memory();
        const t0 = performance.now();
        step(run);
        run.times.push(performance.now() - t0);
        run.tensors.push(tf.memory().numTensors - before.numTensors);
        run.bytes.push(tf.memory().numBytes - before.numBytes);
      }
    }
    const floorMs = (arrays * 4 * n) / (floor.gbPerS * 1e6);
    for (const run of runs) {
      rows.push({
        backend, n, optimizer, competitor: run.name, ms: median(run.times),
        tensorsPerStep: Math.max(...run.tensors.map(Math.abs)), bytesPerStep: Math.max(...run.bytes.map(Math.abs)),
      });
      run.opt.dispose();
      tf.dispose([run.w, run.g]);
    }
    rows.push({ backend, n, optimizer, competitor: `bandwidth floor (${floor.gbPerS.toFixed(1)} GB/s x ${arrays} arrays)`, ms: floorMs, floor: true });
  }
  rows.push({ backend, n, optimizer: 'a*x+y', competitor: `scalar JS loop (${floor.axpyGbPerS.toFixed(1)} GB/s)`, ms: floor.axpyMs, floor: true });
}
const result = { backend, rows, maxRssMB: process.resourceUsage().maxRSS / 1024 };
for (const r of rows) console.log(`${backend}\t${r.n}\t${r.optimizer}\t${r.competitor}\t${r.ms.toFixed(2)} ms`);
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(result, null, 1));
