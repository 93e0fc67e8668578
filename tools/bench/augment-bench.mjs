// Augmentation cost per 128-image 28x28x1 batch on the wasm backend, next to one training step of a small conv net.
// Run alone (2 shared cores: timings inside parallel runs are meaningless), after building:
//   (cd packages/core && npx tsup) && (cd packages/augment && npx tsup) && node tools/bench/augment-bench.mjs
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const augmentDir = fileURLToPath(new URL('../../packages/augment/', import.meta.url));
const require = createRequire(augmentDir);
// Load tfjs-core through the augment package so the bench, @nnopt/core and @nnopt/augment share one instance.
const tf = await import(require.resolve('@tensorflow/tfjs-core'));
await import(require.resolve('@tensorflow/tfjs-backend-wasm'));
const core = await import(require.resolve('@nnopt/core'));
const aug = await import(new URL('../../packages/augment/dist/index.js', import.meta.url).href);

// (not IS_TEST: it turns on tfjs' kernel leak checks, which trip on customGrad ops such as logSoftmax)
await core.useBackend('wasm', { log: () => {} });

const N = 128;
const x = tf.tidy(() => tf.clipByValue(core.uniform(core.prngKey(0), [N, 28, 28, 1]), 0, 1));
const labels = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: N }, (_, i) => i % 10), 'int32'), 10), 'float32'));

// A small CNN written with tfjs-core ops. 3x3 convolutions are sums of 9 shifted [N*H*W, Cin] x [Cin, Cout]
// matmuls: stock tfjs-backend-wasm has no Conv2DBackpropFilter kernel, so tf.conv2d cannot be trained on wasm.
const init = (shape, fanIn, seed) => tf.variable(core.normal(core.prngKey(seed), shape, 0, Math.sqrt(2 / fanIn)));
const params = {
  w1: init([9, 1, 16], 9, 1), b1: tf.variable(tf.zeros([16])),
  w2: init([9, 16, 32], 144, 2), b2: tf.variable(tf.zeros([32])),
  w3: init([7 * 7 * 32, 10], 7 * 7 * 32, 3), b3: tf.variable(tf.zeros([10])),
};
function conv3x3(input, w, b) {
  const [n, h, wd, cin] = input.shape;
  const padded = tf.pad(input, [[0, 0], [1, 1], [1, 1], [0, 0]]);
  let acc = null;
  for (let k = 0; k < 9; k++) {
    const patch = tf.reshape(tf.slice(padded, [0, Math.floor(k / 3), k % 3, 0], [n, h, wd, cin]), [n * h * wd, cin]);
    const term = tf.matMul(patch, tf.squeeze(tf.slice(w, [k, 0, 0], [1, cin, w.shape[2]]), [0]));
    acc = acc === null ? term : tf.add(acc, term);
  }
  return tf.relu(tf.reshape(tf.add(acc, b), [n, h, wd, w.shape[2]]));
}
function loss(images) {
  let h = tf.maxPool(conv3x3(images, params.w1, params.b1), 2, 2, 'valid');
  h = tf.maxPool(conv3x3(h, params.w2, params.b2), 2, 2, 'valid');
  const logits = tf.add(tf.matMul(tf.reshape(h, [N, 7 * 7 * 32]), params.w3), params.b3);
  return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), 1)));
}
function trainStep(images) {
  tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => loss(images));
    for (const v of Object.values(params)) v.assign(tf.sub(v, tf.mul(grads[v.name], 0.01)));
    value.dataSync();
  });
}

function time(label, fn, reps = 20) {
  for (let i = 0; i < 3; i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn(i + 3);
  const ms = (performance.now() - t0) / reps;
  return { label, ms };
}
const runAug = (t) => (i) => {
  const y = t.apply(x, { key: core.foldIn(core.prngKey(1), i), training: true });
  y.dataSync();
  y.dispose();
};
const defaultPipeline = aug.compose([aug.randomCrop({ size: 28, padding: 2 }), aug.randomHorizontalFlip()]);
const rows = [
  time('train step (small CNN, SGD)', () => trainStep(x), 10),
  time('default pipeline: randomCrop(28, pad 2) + randomHorizontalFlip', runAug(defaultPipeline)),
  time('randomCrop(28, padding 2)', runAug(aug.randomCrop({ size: 28, padding: 2 }))),
  time('randomHorizontalFlip', runAug(aug.randomHorizontalFlip())),
  time('randomAffine(10 deg, 0.1 translate, 0.9-1.1 scale)', runAug(aug.randomAffine({ degrees: 10, translate: [0.1, 0.1], scale: [0.9, 1.1] }))),
  time('randomResizedCrop(28)', runAug(aug.randomResizedCrop({ size: 28 }))),
  time('randomErasing', runAug(aug.randomErasing())),
  time('gaussianBlur(k 3)', runAug(aug.gaussianBlur({ kernelSize: 3 }))),
  time('randAugment(n 2, m 9)', runAug(aug.randAugment())),
  time('trivialAugmentWide', runAug(aug.trivialAugmentWide())),
];
const mix = aug.mixUp();
rows.push(time('mixUp (images + labels)', (i) => { const r = mix.apply(x, labels, { key: core.prngKey(i), training: true }); r.images.dataSync(); tf.dispose([r.images, r.labels]); }));
const step = rows[0].ms;
console.log(`wasm backend, batch ${N}x28x28x1, ms per batch (mean of 20; train step of 10)`);
for (const r of rows) console.log(`${r.label.padEnd(62)} ${r.ms.toFixed(2).padStart(8)} ms  ${(r.ms / step).toFixed(2).padStart(6)}x step`);
