import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chain, loadState, saveState, stateTensors, type State } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { addNoise } from './add-noise';
import { applyIfFinite } from './apply-if-finite';
import { centralize } from './centralize';
import { clipByGlobalNorm } from './clip-by-global-norm';
import { lookahead } from './lookahead';
import { masked } from './masked';
import { multiSteps } from './multi-steps';
import { partition } from './partition';
import { scaleByBelief } from './scale-by-belief';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { scaleByLion } from './scale-by-lion';
import { toOptimizer } from './to-optimizer';

// Every part-B wrapper nested in one transform, run through the tf.Optimizer adapter: lazy state creation, state
// round trip through safetensors, bit-identical resume, NaN steps skipped and counted, flat memory.
const build = () =>
  toOptimizer(
    applyIfFinite(
      multiSteps(
        chain(
          clipByGlobalNorm({ maxNorm: 1 }),
          masked(centralize(), (_, p) => p.rank > 1),
          addNoise({ seed: 3, eta: 1e-4 }),
          partition(
            {
              matrices: lookahead(chain(scaleByLion(), scaleByLearningRate(0.01)), { syncPeriod: 3 }),
              vectors: chain(scaleByBelief(), scaleByLearningRate(0.01)),
            },
            (_, p) => (p.rank > 1 ? 'matrices' : 'vectors'),
          ),
        ),
        { everyK: 2 },
      ),
    ),
  );

let unique = 0;

forEachBackend(() => {
  describe('part-B wrappers through toOptimizer', () => {
    it('resume bit-identically from a saved state dict, skip NaN steps and keep memory flat', async () => {
      const id = unique++;
      const w = tf.variable(tf.tensor2d([[0.5, -1], [2, 0.25], [-0.5, 1.5]]), true, `wrappers${id}/dense/kernel`);
      const b = tf.variable(tf.tensor1d([0.1, -0.2]), true, `wrappers${id}/dense/bias`);
      const grads = (step: number): tf.NamedTensorMap =>
        tf.tidy(() => ({
          [w.name]: tf.mul(tf.tensor2d([[1, -2], [0.5, 3], [-1, 0.25]]), Math.cos(step) + (step === 5 ? Number.NaN : 0)),
          [b.name]: tf.mul(tf.tensor1d([0.3, -0.7]), Math.sin(step + 1)),
        }));
      const steps = (opt: tf.Optimizer, from: number, to: number) => {
        for (let s = from; s < to; s++) {
          const g = grads(s);
          opt.applyGradients(g);
          tf.dispose(Object.values(g));
        }
      };
      const opt = build();
      steps(opt, 0, 7); // step 5 holds a NaN: skipped
      expect(Number.isNaN(w.dataSync()[0])).toBe(false);
      const dict = opt.stateDict();
      expect((dict.transform as { totalNotFinite: tf.Tensor }).totalNotFinite.dataSync()[0]).toBe(1);
      const bytes = await saveState(dict);
      const held = stateTensors(dict);
      tf.dispose(held);
      const mid = [w.clone(), b.clone()] as const;
      steps(opt, 7, 13);
      const expected = [w.clone(), b.clone()] as const;
      w.assign(mid[0]);
      b.assign(mid[1]);
      const resumed = build();
      await expectNoLeaks(() => {
        const { state } = loadState(bytes);
        resumed.loadStateDict(state as State);
        tf.dispose(stateTensors(state));
      }, { extra: held.length });
      steps(resumed, 7, 13);
      expectClose(w, expected[0], { rtol: 0, atol: 0 }, 'kernel resumed');
      expectClose(b, expected[1], { rtol: 0, atol: 0 }, 'bias resumed');
      const g = grads(20);
      await expectFlatMemory(() => resumed.applyGradients(g), { warmup: 1, steps: 4 });
      tf.dispose([...Object.values(g), ...mid, ...expected, w, b]);
      opt.dispose();
      resumed.dispose();
    });
  });
});
