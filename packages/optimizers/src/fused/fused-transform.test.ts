import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { stateTensors } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { adagrad } from '../adagrad';
import { adam } from '../adam';
import { adamw } from '../adamw';
import { lion } from '../lion';
import { lookahead } from '../lookahead';
import { rmsprop } from '../rmsprop';
import { sgd } from '../sgd';
import { toOptimizer, type TransformOptimizer } from '../to-optimizer';

// The fused path's contract beyond the numbers (fused-parity.test.ts): it really runs (no tfjs kernel in a step),
// keeps tensor counts flat, keeps the composed state layout (state dicts load across paths), never changes a
// tensor someone else still holds (stateDict copies, a dataSync snapshot, a variable's initial value), and fails
// like the composed path: bad options and bad scheduled values throw RangeErrors before anything changes.

type Make = (fused: boolean) => TransformOptimizer;
// The backends where each runs fused: on wasm only Adam/AdamW without AMSGrad have a (SIMD) kernel; the others keep
// tfjs' wasm ops, which beat a scalar JavaScript loop over the heap.
const table: [string, Make, string[]][] = [
  ['sgd', (fused) => sgd({ learningRate: 0.1, fused }), ['cpu']],
  ['sgd (nesterov, decay)', (fused) => sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01, fused }), ['cpu']],
  ['adam (amsgrad)', (fused) => adam({ learningRate: 0.01, amsgrad: true, weightDecay: 0.1, fused }), ['cpu']],
  ['adam', (fused) => adam({ learningRate: 0.01, weightDecay: 0.1, fused }), ['cpu', 'wasm']],
  ['adamw', (fused) => adamw({ learningRate: (t) => 0.01 / (1 + t), fused }), ['cpu', 'wasm']],
  ['rmsprop (centered, momentum)', (fused) => rmsprop({ learningRate: 0.01, centered: true, momentum: 0.5, fused }), ['cpu']],
  ['adagrad', (fused) => adagrad({ learningRate: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1, fused }), ['cpu']],
  ['lion', (fused) => lion({ learningRate: 0.01, weightDecay: 0.1, fused }), ['cpu']],
];

let unique = 0;
function problem() {
  const id = unique++;
  const w = tf.variable(tf.tensor2d([[0.5, -1, 2], [0.25, 3, -0.75]]), true, `fusedContract/${id}/w`);
  const b = tf.variable(tf.tensor1d([0.1, -0.2]), true, `fusedContract/${id}/b`);
  // Gradients vary by step; b has none on every third step (its state and counters must not move).
  const grads = (k: number) => {
    const gw = tf.tensor2d([0, 1, 2, 3, 4, 5].map((i) => 0.5 * Math.sin(1.3 * i + k)), [2, 3]);
    return k % 3 === 2 ? { [w.name]: gw } : { [w.name]: gw, [b.name]: tf.tensor1d([Math.cos(k), Math.cos(2 * k)]) };
  };
  const step = (opt: TransformOptimizer, k: number) => {
    const g = grads(k);
    opt.applyGradients(g);
    tf.dispose(Object.values(g));
  };
  return { w, b, step, dispose: () => tf.dispose([w, b]) };
}

forEachBackend((backend) => {
  describe(`fused path contract on ${backend}`, () => {
    for (const [name, make, fusedOn] of table) {
      it(`${name}: runs no tfjs kernel ${fusedOn.includes(backend) ? '' : '(composed here) '}and keeps memory flat`, async () => {
        const { step, dispose } = problem();
        const opt = make(true);
        step(opt, 0);
        const { kernels } = await tf.profile(() => step(opt, 1));
        if (fusedOn.includes(backend)) expect(kernels.map((k) => k.name)).toEqual([]);
        else expect(kernels.length).toBeGreaterThan(0);
        const composed = make(false);
        const { kernels: composedKernels } = await tf.profile(() => step(composed, 1));
        expect(composedKernels.length).toBeGreaterThan(0);
        let k = 2;
        await expectFlatMemory(() => step(opt, k++), { warmup: 1, steps: 4 });
        opt.dispose();
        composed.dispose();
        dispose();
      });

      it(`${name}: .transform is the composed chain, so a wrapper around it steps as around fused: false's`, async () => {
        const a = problem();
        const b = problem();
        const fusedWrapped = toOptimizer(lookahead(make(true).transform, { syncPeriod: 2 }));
        const composedWrapped = toOptimizer(lookahead(make(false).transform, { syncPeriod: 2 }));
        let k = 0;
        const both = () => {
          a.step(fusedWrapped, k);
          b.step(composedWrapped, k++);
        };
        await expectFlatMemory(both, { warmup: 1, steps: 4 });
        expectClose(a.w, b.w, { rtol: 0, atol: 0 }, `${name} w`);
        expectClose(a.b, b.b, { rtol: 0, atol: 0 }, `${name} b`);
        // and the wrapper really moved the weights (a fused transform inside it would have returned no updates)
        expect(Math.abs(a.w.dataSync()[0]! - 0.5)).toBeGreaterThan(1e-4);
        fusedWrapped.dispose();
        composedWrapped.dispose();
        a.dispose();
        b.dispose();
      });

      it(`${name}: state dicts load across the fused and composed paths and continue identically`, async () => {
        const { w, b, step, dispose } = problem();
        const fusedOpt = make(true);
        for (let k = 0; k < 4; k++) step(fusedOpt, k);
        const dict = fusedOpt.stateDict();
        // The copies share data with the live state: the fused steps below must leave them alone.
        const copyBefore = stateTensors(dict).map((t) => t.dataSync().slice());
        const composedOpt = make(false);
        composedOpt.loadStateDict(dict);
        const start = [w.dataSync().slice(), b.dataSync().slice()] as const;
        for (let k = 4; k < 8; k++) step(composedOpt, k);
        const composedEnd = [w.dataSync().slice(), b.dataSync().slice()] as const;
        w.assign(tf.tensor(start[0], w.shape));
        b.assign(tf.tensor(start[1], b.shape));
        for (let k = 4; k < 8; k++) step(fusedOpt, k);
        expectClose(w, composedEnd[0], { rtol: 0, atol: 0 }, 'w');
        expectClose(b, composedEnd[1], { rtol: 0, atol: 0 }, 'b');
        stateTensors(dict).forEach((t, i) => expectClose(t, copyBefore[i]!, { rtol: 0, atol: 0 }, `stateDict copy ${i}`));
        const fusedState = fusedOpt.stateDict();
        const composedState = composedOpt.stateDict();
        const layout = (d: object) => JSON.stringify(d, (_key, value) => (value instanceof tf.Tensor ? value.shape : value));
        expect(layout(fusedState)).toEqual(layout(composedState));
        stateTensors(fusedState).forEach((t, i) => expectClose(t, stateTensors(composedState)[i]!, { rtol: 0, atol: 0 }, `state ${i}`));
        tf.dispose([...stateTensors(dict), ...stateTensors(fusedState), ...stateTensors(composedState)]);
        fusedOpt.dispose();
        composedOpt.dispose();
        dispose();
      });
    }

    it('matches the composed path bit for bit on a parameter spanning several SIMD chunks with an odd tail', async () => {
      const n = 3 * 16384 + 7;
      const values = (seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed + 0.37 * i));
      for (const options of [{ weightDecay: 0.1 }, { amsgrad: true }]) {
        const [fused, composed] = [true, false].map((flag) => ({
          w: tf.variable(tf.tensor1d(values(1)), true, `fusedContract/${unique++}/big`),
          opt: adamw({ learningRate: 0.01, ...options, fused: flag }),
        }));
        for (let k = 0; k < 3; k++) {
          const g = tf.tensor1d(values(k + 2));
          for (const { w, opt } of [fused!, composed!]) opt.applyGradients({ [w.name]: g });
          g.dispose();
        }
        expectClose(fused!.w, composed!.w, { rtol: 0, atol: 0 }, `adamw ${JSON.stringify(options)}`);
        for (const { w, opt } of [fused!, composed!]) {
          opt.dispose();
          w.dispose();
        }
      }
    });

    it('a parameter read by matMul sees every step (XNNPACK caches packed weights by data id on wasm)', () => {
      const x = tf.tensor2d([[1, 2], [3, 4], [-1, 0.5]]);
      const [fused, composed] = [true, false].map((flag) => ({
        w: tf.variable(tf.tensor2d([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]), true, `fusedContract/${unique++}/dense`),
        opt: adam({ learningRate: 0.05, fused: flag }),
      }));
      for (let k = 0; k < 4; k++) {
        const outputs = [fused!, composed!].map(({ w, opt }) => {
          opt.minimize(() => tf.sum(tf.square(tf.sub(tf.matMul(x, w), 1))) as tf.Scalar);
          return tf.matMul(x, w);
        });
        expectClose(outputs[0]!, outputs[1]!, { rtol: 0, atol: 0 }, `matMul output after step ${k + 1}`);
        tf.dispose(outputs);
      }
      for (const { w, opt } of [fused!, composed!]) {
        opt.dispose();
        w.dispose();
      }
      x.dispose();
    });

    it('never writes into data others hold: a dataSync snapshot and the initial value of a variable', async () => {
      const initial = tf.tensor1d([1, 2, 3]);
      const v = tf.variable(initial, true, `fusedContract/${unique++}/v`);
      const opt = adam({ learningRate: 0.1 });
      const snapshot = v.dataSync();
      const kept = Float32Array.from(snapshot);
      const g = tf.tensor1d([1, -1, 0.5]);
      await expectNoLeaks(() => {
        opt.applyGradients({ [v.name]: g });
        opt.applyGradients({ [v.name]: g });
      }, { extra: 3 }); // Adam's first step creates mu and nu for v
      expectClose(initial, [1, 2, 3], { rtol: 0, atol: 0 }, 'initial value');
      if (backend === 'cpu') expectClose(snapshot, kept, { rtol: 0, atol: 0 }, 'dataSync snapshot');
      expect(Math.abs(v.dataSync()[0]! - 0.8)).toBeLessThan(1e-5); // two Adam steps of size lr towards -g
      tf.dispose([initial, v, g]);
      opt.dispose();
    });

    it('validates scheduled values before writing: a failed step changes nothing', () => {
      const { w, step, dispose } = problem();
      const opt = adam({ learningRate: (t) => (t < 2 ? 0.1 : -1) });
      step(opt, 0);
      step(opt, 1);
      const before = w.dataSync().slice();
      const stateBefore = opt.stateDict();
      const values = stateTensors(stateBefore).map((t) => t.dataSync().slice());
      expect(() => step(opt, 2)).toThrow(RangeError);
      expect(() => step(opt, 2)).toThrow(/learningRate/);
      expectClose(w, before, { rtol: 0, atol: 0 }, 'w after the failed step');
      const stateAfter = opt.stateDict();
      stateTensors(stateAfter).forEach((t, i) => expectClose(t, values[i]!, { rtol: 0, atol: 0 }, `state ${i}`));
      expect(stateAfter.iterations).toBe(stateBefore.iterations);
      tf.dispose([...stateTensors(stateBefore), ...stateTensors(stateAfter)]);
      opt.dispose();
      dispose();
    });
  });
});

describe('fused option', () => {
  it('must be a boolean (RangeError naming it, when the factory is called)', () => {
    expect(() => adam({ fused: 'yes' as never })).toThrow(RangeError);
    expect(() => sgd({ learningRate: 0.1, fused: 1 as never })).toThrow(/fused must be a boolean, got 1/);
  });

  it('is part of the config, so a saved optimizer comes back on the same path', () => {
    expect(adamw({ fused: false }).getConfig()).toMatchObject({ fused: false, name: 'adamw' });
    expect(lion().getConfig()).toMatchObject({ fused: true });
  });
});
