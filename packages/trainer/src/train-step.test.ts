import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { TrainableModel } from '@nnopt/core';
import { expectClose, expectFlatMemory, forEachBackend } from '@nnopt/core/testing';
import { createTrainStep } from './train-step';

const X = [
  [1, 2],
  [0.5, -1],
  [-1, 0.25],
  [2, 1],
];
const Y = [0, 1, 1, 0];
const W0 = [
  [0.1, -0.2],
  [0.3, 0.05],
];

/** logits = x W (no bias), as plain JS, and the gradient of mean softmax cross-entropy: x^T (softmax - onehot) / n. */
function reference(rows: number[][], labels: number[], w: number[][]) {
  const n = rows.length;
  const grad = [
    [0, 0],
    [0, 0],
  ];
  let loss = 0;
  rows.forEach((x, i) => {
    const z = [0, 1].map((c) => x[0]! * w[0]![c]! + x[1]! * w[1]![c]!);
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const p = e.map((v) => v / (e[0]! + e[1]!));
    loss += -Math.log(p[labels[i]!]!) / n;
    for (let a = 0; a < 2; a++) for (let c = 0; c < 2; c++) grad[a]![c]! += (x[a]! * (p[c]! - (labels[i] === c ? 1 : 0))) / n;
  });
  return { loss, grad };
}

let count = 0;
function linear(): TrainableModel {
  const w = tf.variable(tf.tensor2d(W0), true, `linear${count++}/w`);
  return { forward: (x) => tf.matMul(x, w), namedParameters: () => ({ weight: w }), namedBuffers: () => ({}) };
}

forEachBackend(() => {
  describe('createTrainStep', () => {
    it('takes one SGD step along the cross-entropy gradient and returns the loss', async () => {
      const model = linear();
      const step = createTrainStep({ model, optimizer: tf.train.sgd(0.5) });
      const x = tf.tensor2d(X);
      const y = tf.tensor1d(Y, 'int32');
      const loss = step({ x, y });
      const ref = reference(X, Y, W0);
      expectClose(loss, [ref.loss], { rtol: 1e-5 });
      expectClose(model.namedParameters().weight!, W0.flat().map((w, i) => w - 0.5 * ref.grad.flat()[i]!), { rtol: 1e-5 });
      expect(step.steps).toBe(1);
      await expectFlatMemory(() => step({ x, y }).dispose());
      tf.dispose([loss, x, y, model.namedParameters().weight!]);
    });

    it('accumulating two half batches equals one step on the whole batch', () => {
      const whole = linear();
      const halves = linear();
      const x = tf.tensor2d(X);
      const y = tf.tensor1d(Y, 'int32');
      createTrainStep({ model: whole, optimizer: tf.train.sgd(0.5) })({ x, y }).dispose();
      const step = createTrainStep({ model: halves, optimizer: tf.train.sgd(0.5), accumulate: 2 });
      const [x1, x2] = tf.split(x, 2);
      const [y1, y2] = tf.split(y, 2);
      step({ x: x1!, y: y1! }).dispose();
      expect([step.steps, step.pending]).toEqual([0, 1]);
      expectClose(halves.namedParameters().weight!, W0.flat());
      step({ x: x2!, y: y2! }).dispose();
      expect([step.steps, step.pending]).toEqual([1, 0]);
      expectClose(halves.namedParameters().weight!, whole.namedParameters().weight!, { rtol: 1e-6 });
      tf.dispose([x, y, x1!, x2!, y1!, y2!, whole.namedParameters().weight!, halves.namedParameters().weight!]);
    });

    it('clips by global norm as torch.nn.utils.clip_grad_norm_ does', () => {
      const model = linear();
      const x = tf.tensor2d(X);
      const y = tf.tensor1d(Y, 'int32');
      createTrainStep({ model, optimizer: tf.train.sgd(1), clip: { globalNorm: 0.1 } })({ x, y }).dispose();
      const { grad } = reference(X, Y, W0);
      const norm = Math.hypot(...grad.flat());
      const scale = Math.min(1, 0.1 / (norm + 1e-6));
      expect(norm).toBeGreaterThan(0.1); // so the clip is active
      expectClose(model.namedParameters().weight!, W0.flat().map((w, i) => w - scale * grad.flat()[i]!), { rtol: 1e-5 });
      tf.dispose([x, y, model.namedParameters().weight!]);
    });

    it('rejects bad options naming them', () => {
      const model = linear();
      expect(() => createTrainStep({ model, optimizer: tf.train.sgd(1), accumulate: 0 })).toThrow(/accumulate must be an integer >= 1/);
      expect(() => createTrainStep({ model, optimizer: tf.train.sgd(1), clip: { globalNorm: -1 } })).toThrow(/clip\.globalNorm/);
      model.namedParameters().weight!.dispose();
    });
  });
});
