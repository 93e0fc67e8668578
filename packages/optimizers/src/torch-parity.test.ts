import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { expectClose, expectFlatMemory, forEachBackend } from '@nnopt/core/testing';
import fixture from './__fixtures__/optimizers-torch.json';
import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam } from './adam';
import { adamax } from './adamax';
import { adamw } from './adamw';
import { nadam } from './nadam';
import { radam } from './radam';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';
import type { TransformOptimizer } from './to-optimizer';

// Trajectories of torch.optim (PyTorch 1.13, float32) from tools/fixtures/optimizers.py, replayed through the
// tf.Optimizer interface: applyGradients(NamedTensor[]) for the fixed gradient sequence (b has no gradient on
// every 4th step) and minimize() on the quadratic. Parameters are compared every 5 steps.

type Factory = (options: never) => TransformOptimizer;
const factories: { [name: string]: Factory } = { sgd, adam, adamw, adagrad, rmsprop, adadelta, adamax, nadam, radam };

let unique = 0;

forEachBackend(() => {
  describe('PyTorch 1.13 parity', () => {
    for (const c of fixture.cases) {
      const label = `${c.optimizer}(${JSON.stringify(c.options)})${c.schedule ? ' with a schedule' : ''}, ${c.mode}`;
      it(label, async () => {
        const id = unique++;
        const w = tf.variable(tf.tensor2d(fixture.w0, fixture.wShape as [number, number]), true, `parity/${id}/w`);
        const b = tf.variable(tf.tensor1d(fixture.b0), true, `parity/${id}/b`);
        const schedule = c.schedule;
        const learningRate = schedule ? (step: number) => schedule.base * schedule.gamma ** step : c.options.learningRate;
        const opt = factories[c.optimizer]!({ ...c.options, learningRate } as never);
        const quad = c.mode === 'quadratic'
          ? { sw: tf.tensor2d(fixture.scaleW, [3, 2]), tw: tf.tensor2d(fixture.targetW, [3, 2]), sb: tf.tensor1d(fixture.scaleB), tb: tf.tensor1d(fixture.targetB) }
          : undefined;
        const seen: { step: number; w: Float32Array; b: Float32Array }[] = [];
        let k = 0;
        const step = () => {
          if (quad) {
            opt.minimize(() =>
              tf.add(tf.sum(tf.mul(quad.sw, tf.square(tf.sub(w, quad.tw)))), tf.sum(tf.mul(quad.sb, tf.square(tf.sub(b, quad.tb))))) as tf.Scalar,
            );
          } else {
            const g = fixture.grads[k]!;
            const gw = tf.tensor2d(g.w, [3, 2]);
            const gb = g.b === null ? undefined : tf.tensor1d(g.b);
            opt.applyGradients(gb ? [{ name: w.name, tensor: gw }, { name: b.name, tensor: gb }] : [{ name: w.name, tensor: gw }]);
            tf.dispose([gw, gb ?? []].flat());
          }
          k++;
          if (k % fixture.every === 0) seen.push({ step: k, w: w.dataSync() as Float32Array, b: b.dataSync() as Float32Array });
        };
        await expectFlatMemory(step, { warmup: 1, steps: fixture.steps - 1 });
        for (const [i, expected] of c.trajectory.entries()) {
          const got = seen[i]!;
          expectClose(got.w, expected.w, { rtol: 1e-4, atol: 1e-6 }, `${label}: w after step ${expected.step}`);
          expectClose(got.b, expected.b, { rtol: 1e-4, atol: 1e-6 }, `${label}: b after step ${expected.step}`);
        }
        opt.dispose();
        tf.dispose([w, b, ...(quad ? Object.values(quad) : [])]);
      });
    }
  });
});
