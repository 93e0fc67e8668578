import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chain, loadState, saveState, stateTensors, type State } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { injectHyperparams } from './inject-hyperparams';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { toOptimizer, TransformOptimizer } from './to-optimizer';
import { trace } from './trace';

let unique = 0;
const variable = (values: number[], name = 'v') => tf.variable(tf.tensor1d(values), true, `${name}/${unique++}`);
// SGD with momentum 0.5, learning rate 0.1: b_1 = g_1, b_t = 0.5 b_{t-1} + g_t, p <- p - 0.1 b.
const momentumSgd = () => toOptimizer(chain(trace({ momentum: 0.5 }), scaleByLearningRate(0.1)));

forEachBackend(() => {
  describe('toOptimizer', () => {
    it('is a tf.Optimizer whose minimize follows the transform (hand-derived)', async () => {
      const w = variable([1, -2]);
      const opt = momentumSgd();
      expect(opt).toBeInstanceOf(tf.Optimizer);
      // loss = sum(w^2): g = 2w. Step 1: g = [2, -4], b = g, w = [0.8, -1.6].
      // Step 2: g = [1.6, -3.2], b = 0.5*[2, -4] + g = [2.6, -5.2], w = [0.8 - 0.26, -1.6 + 0.52] = [0.54, -1.08].
      await expectNoLeaks(() => {
        opt.minimize(() => tf.sum(tf.square(w)) as tf.Scalar);
        opt.minimize(() => tf.sum(tf.square(w)) as tf.Scalar);
        opt.dispose();
      });
      expectClose(w, [0.54, -1.08], { rtol: 1e-6 });
      expect(opt.iterations).toBe(2);
      w.dispose();
    });

    it('accepts NamedTensor[] and maps, skips variables without a gradient and keeps memory flat', async () => {
      const a = variable([1, 1], 'a');
      const b = variable([1, 1], 'b');
      const opt = momentumSgd();
      const ga = tf.tensor1d([1, 2]);
      const gb = tf.tensor1d([-1, 0]);
      opt.applyGradients([{ name: a.name, tensor: ga }]); // b untouched, gets no state yet
      expectClose(b, [1, 1]);
      expect(Object.keys(opt.stateDict().transform[0] as State)).toEqual(['count', 'trace']);
      await expectFlatMemory(() => opt.applyGradients({ [a.name]: ga, [b.name]: gb }), { warmup: 1, steps: 3 });
      // a: b_t = [1,2], [1.5,3], [1.75,3.5], [1.875,3.75], [1.9375,3.875] (5 steps); sum = [8.0625, 16.125]
      expectClose(a, [1 - 0.806_25, 1 - 1.6125], { rtol: 1e-5 });
      // b: 4 steps with g = [-1, 0]: b_t = 1, 1.5, 1.75, 1.875; sum 6.125
      expectClose(b, [1 + 0.6125, 1], { rtol: 1e-5 });
      const dict = opt.stateDict();
      const counts = ((dict.transform[0] as State).count as State);
      expect(counts[a.name.replaceAll('/', '%2F')]).toBe(5);
      expect(counts[b.name.replaceAll('/', '%2F')]).toBe(4);
      tf.dispose([ga, gb, ...stateTensors(dict)]);
      opt.dispose();
      tf.dispose([a, b]);
    });

    it('rejects a gradient for an unknown variable or of the wrong shape, changing nothing', async () => {
      const w = variable([1, 2], 'w');
      const opt = momentumSgd();
      const g = tf.tensor1d([1, 1]);
      opt.applyGradients({ [w.name]: g });
      const before = opt.stateDict();
      const bad = tf.tensor1d([1, 1, 1]);
      await expectNoLeaks(() => {
        expect(() => opt.applyGradients({ [w.name]: bad })).toThrow(new RegExp(`${w.name}.* has shape \\[3\\]`));
        expect(() => opt.applyGradients({ [w.name]: g, nope: g })).toThrow(/unknown variable 'nope'/);
      });
      expectClose(w, [0.9, 1.9], { rtol: 1e-6 });
      const after = opt.stateDict();
      expect(after.iterations).toBe(1);
      expectClose(stateTensors(after)[0]!, stateTensors(before)[0]!, { rtol: 0, atol: 0 });
      tf.dispose([g, bad, w, ...stateTensors(before), ...stateTensors(after)]);
      opt.dispose();
    });

    it('round-trips its state exactly through saveState/loadState and resumes bit-identically', async () => {
      const w = variable([0.3, -0.7, 1.1], 'dense/kernel');
      const start = w.clone();
      const grad = (k: number) => tf.tensor1d([Math.sin(k), Math.cos(k), 0.1 * k]);
      const run = (opt: TransformOptimizer, from: number, to: number) => {
        for (let k = from; k < to; k++) {
          const g = grad(k);
          opt.applyGradients({ [w.name]: g });
          g.dispose();
        }
      };
      const schedule = (step: number) => 0.1 / (1 + step);
      const make = () => toOptimizer(injectHyperparams((h) => chain(trace({ momentum: h.momentum }), scaleByLearningRate(h.learningRate)), { learningRate: schedule, momentum: 0.9 }));
      const straight = make();
      run(straight, 0, 6);
      const expected = w.clone();
      w.assign(start);
      const first = make();
      run(first, 0, 3);
      const dict = first.stateDict();
      const bytes = await saveState(dict);
      tf.dispose(stateTensors(dict));
      const resumed = make();
      const { state } = loadState(bytes);
      resumed.loadStateDict(state);
      tf.dispose(stateTensors(state));
      expect(resumed.iterations).toBe(3);
      run(resumed, 3, 6);
      expectClose(w, expected, { rtol: 0, atol: 0 });
      [straight, first, resumed].forEach((o) => o.dispose());
      tf.dispose([w, start, expected]);
    });

    it('rejects a state dict for other variables or shapes, naming the variable, state unchanged', () => {
      const w = variable([1, 2], 'layer/w');
      const other = variable([1, 2, 3], 'layer/other');
      const opt = momentumSgd();
      const g = tf.ones([2]);
      opt.applyGradients({ [w.name]: g });
      const dict = opt.stateDict();
      const esc = (n: string) => n.replaceAll('/', '%2F');
      const renamed = JSON.parse(JSON.stringify({ iterations: 1 })) as { iterations: number };
      const trace0 = dict.transform[0] as { count: State; trace: State };
      const wrongName = { ...renamed, transform: { 0: { count: { ghost: 1 }, trace: { ghost: trace0.trace[esc(w.name)]! } }, 1: { count: 1 } } };
      expect(() => opt.loadStateDict(wrongName)).toThrow(/'ghost'/);
      const wrongShape = { ...renamed, transform: { 0: { count: { [esc(other.name)]: 1 }, trace: { [esc(other.name)]: trace0.trace[esc(w.name)]! } }, 1: { count: 1 } } };
      expect(() => opt.loadStateDict(wrongShape)).toThrow(new RegExp(`variable '${other.name}'.*shape \\[2\\], expected \\[3\\]`));
      // Still the old state: the next step continues the momentum, b_2 = 0.5 * 1 + 1 = 1.5.
      opt.applyGradients({ [w.name]: g });
      expectClose(w, [1 - 0.1 - 0.15, 2 - 0.1 - 0.15], { rtol: 1e-6 });
      tf.dispose([g, w, other, ...stateTensors(dict)]);
      opt.dispose();
    });

    it('getWeights/setWeights round-trip and getConfig/fromConfig rebuild a named optimizer', async () => {
      const w = variable([1, 2], 'x');
      const opt = toOptimizer(chain(trace({ momentum: 0.5 }), scaleByLearningRate(0.1)), {
        name: 'test-momentum',
        config: { learningRate: 0.1 },
        factory: () => momentumSgd(),
      });
      const g = tf.ones([2]);
      opt.applyGradients({ [w.name]: g });
      const weights = await opt.getWeights();
      expect(weights.map((x) => x.name)).toEqual(['iter', '0/count/' + w.name.replaceAll('/', '%2F'), '0/trace/' + w.name.replaceAll('/', '%2F'), '1/count'].map((n, i) => (i === 0 ? n : `nnopt/${n}`)));
      const config = opt.getConfig();
      expect(config).toEqual({ name: 'test-momentum', learningRate: 0.1 });
      const copy = TransformOptimizer.fromConfig(TransformOptimizer, config) as TransformOptimizer;
      expect(copy).toBeInstanceOf(TransformOptimizer);
      await copy.setWeights(weights);
      expect(copy.iterations).toBe(1);
      // Both continue identically.
      const saved = w.clone();
      opt.applyGradients({ [w.name]: g });
      const viaOpt = w.clone();
      w.assign(saved);
      copy.applyGradients({ [w.name]: g });
      expectClose(w, viaOpt, { rtol: 0, atol: 0 });
      await expect(copy.setWeights([weights[0]!, { name: 'nnopt/0/trace/ghost', tensor: g }])).rejects.toThrow(/ghost/);
      tf.dispose([g, w, saved, viaOpt]);
      opt.dispose();
      copy.dispose();
    });

    it('setLearningRate changes the step size of an injected learning rate', () => {
      const w = variable([1], 'lr');
      const opt = toOptimizer(injectHyperparams((h) => scaleByLearningRate(h.learningRate), { learningRate: 0.1 }));
      const g = tf.ones([1]);
      opt.applyGradients({ [w.name]: g });
      opt.setLearningRate(0.5);
      opt.applyGradients({ [w.name]: g });
      opt.setLearningRate((step) => step); // step 2 -> 2
      opt.applyGradients({ [w.name]: g });
      expectClose(w, [1 - 0.1 - 0.5 - 2], { rtol: 1e-6 });
      expect(() => opt.setLearningRate(-1)).toThrow(RangeError);
      expect(() => momentumSgd().setLearningRate(1)).toThrow(/injectHyperparams/);
      tf.dispose([g, w]);
      opt.dispose();
    });
  });
});
