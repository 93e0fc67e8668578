import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectFlatMemory, forEachBackend } from '@nnopt/core/testing';
import { adamw } from './adamw';
import { TransformOptimizer } from './to-optimizer';

// A tfjs-layers model compiled with an nnopt optimizer (a scheduled learning rate) trains with fit, and
// model.save(includeOptimizer) stores its config and state.

forEachBackend((backend) => {
  describe('tfjs-layers', () => {
    it('model.compile({ optimizer: adamw({ learningRate: schedule }) }) + fit learns y = 2x - 1', async () => {
      const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [1] })] });
      const lrs: number[] = [];
      const optimizer = adamw({ learningRate: (step) => (lrs.push(step), 0.2 * 0.995 ** step), weightDecay: 1e-4 });
      model.compile({ optimizer, loss: 'meanSquaredError' });
      const xs = tf.tensor2d([-1, 0, 1, 2, 3, 4], [6, 1]);
      const ys = tf.tensor2d([-3, -1, 1, 3, 5, 7], [6, 1]);
      const fit = () => model.fit(xs, ys, { epochs: 10, batchSize: 6, verbose: 0, shuffle: false });
      await fit(); // creates the state
      await expectFlatMemory(fit, { warmup: 0, steps: 1 });
      const history = await model.fit(xs, ys, { epochs: 140, batchSize: 6, verbose: 0, shuffle: false });
      const losses = history.history.loss as number[];
      expect(losses[losses.length - 1]).toBeLessThan(0.01);
      // One optimizer step per batch; the schedule was last read at the count of steps taken before the last one.
      expect(optimizer.iterations).toBe(160);
      expect(lrs[lrs.length - 1]).toBe(159);
      const [kernel, bias] = model.getWeights();
      expect(kernel!.dataSync()[0]).toBeCloseTo(2, 1);
      expect(bias!.dataSync()[0]).toBeCloseTo(-1, 1);

      // model.save with the optimizer: config by name, state as weights (schedules are not serializable).
      let saved: tf.io.ModelArtifacts | undefined;
      await model.save(tf.io.withSaveHandler(async (artifacts) => ((saved = artifacts), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })), { includeOptimizer: true });
      const config = (saved!.trainingConfig as unknown as { optimizer_config: { class_name: string; config: { name: string } } }).optimizer_config;
      expect(config.class_name).toBe(TransformOptimizer.className);
      expect(config.config.name).toBe('adamw');
      // iter, injectHyperparams' count, scaleByAdam's count/mu/nu for kernel and bias, scaleByLearningRate's count.
      expect(saved!.weightSpecs!.filter((s) => s.group === 'optimizer').length).toBe(1 + 1 + 3 * 2 + 1);
      tf.dispose([xs, ys]);
      model.dispose();
      optimizer.dispose();
    });
  });
});
