import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { applyTransform, stateTensors, type State, type TensorMap } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { multiSteps } from './multi-steps';
import { scaleByBelief } from './scale-by-belief';
import { expectTransformContract } from './transform-contract';

forEachBackend(() => {
  describe('multiSteps', () => {
    it('k micro-batches give one inner step on the mean gradient', async () => {
      await expectNoLeaks(() => {
        const init = { w: [1, -1, 0.5], b: [0.2], c: [4] };
        const make = () => tf.tidy(() => Object.fromEntries(Object.entries(init).map(([n, v]) => [n, tf.variable(tf.tensor(v))])));
        const accumulated = make();
        const direct = make();
        const tx = multiSteps(scaleByBelief(), { everyK: 3 });
        const inner = scaleByBelief();
        let state: State = tx.init(accumulated);
        let innerState: State = inner.init(direct);
        // Two cycles of 3 micro-batches. b only has a gradient in the first micro-batch of each cycle (mean = g / 3);
        // c never has one, so the inner transform never sees it.
        const micro: { [n: string]: number[] }[] = [
          { w: [0.3, -0.6, 0.9], b: [1.5] }, { w: [0.1, 0.2, -0.3] }, { w: [-0.4, 0.5, 0.2] },
          { w: [1, 1, 1], b: [-3] }, { w: [0.5, -2, 0] }, { w: [0, 0.7, -1.1] },
        ];
        for (let cycle = 0; cycle < 2; cycle++) {
          const sums: { [n: string]: number[] } = {};
          for (let i = 0; i < 3; i++) {
            const g = micro[3 * cycle + i]!;
            for (const [n, v] of Object.entries(g)) sums[n] = v.map((x, j) => (sums[n]?.[j] ?? 0) + x);
            const grads: TensorMap = tf.tidy(() => Object.fromEntries(Object.entries(g).map(([n, v]) => [n, tf.tensor(v)])));
            const before = [...accumulated.w!.dataSync()];
            state = applyTransform(tx, state, accumulated, grads);
            if (i < 2) expect([...accumulated.w!.dataSync()]).toEqual(before);
            tf.dispose(Object.values(grads));
          }
          const means: TensorMap = tf.tidy(() => Object.fromEntries(Object.entries(sums).map(([n, v]) => [n, tf.tensor(v.map((x) => x / 3))])));
          innerState = applyTransform(inner, innerState, direct, means);
          tf.dispose(Object.values(means));
          for (const n of Object.keys(init)) expectClose(accumulated[n]!, direct[n]!, { rtol: 1e-6, atol: 1e-7 }, `${n} after cycle ${cycle}`);
        }
        expect((state as { inner: { count: { c: number } } }).inner.count.c).toBe(0);
        tf.dispose([...stateTensors(state), ...stateTensors(innerState), ...Object.values(accumulated), ...Object.values(direct)]);
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone', async () => {
      await expectTransformContract(multiSteps(scaleByBelief(), { everyK: 2 }), { steps: 4 });
    });
  });
});

describe('multiSteps options', () => {
  it('rejects a bad everyK', () => {
    expect(() => multiSteps(scaleByBelief(), { everyK: 0 })).toThrow(/everyK/);
    expect(() => multiSteps(scaleByBelief(), { everyK: 2.5 })).toThrow(RangeError);
  });
});
