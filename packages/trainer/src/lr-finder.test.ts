import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { sgd } from '@nnopt/optimizers';
import { forEachBackend } from '@nnopt/core/testing';
import { blobs, disposeModel, tinyMlp } from './__tests__/tiny-model';
import { dataLoader } from './data/loader';
import { lrRangeTest } from './lr-finder';

forEachBackend(() => {
  describe('lrRangeTest', () => {
    it('sweeps learning rates geometrically, suggests one inside the range and restores the model', async () => {
      const model = tinyMlp(4, 8, 3);
      const before = Object.values({ ...model.namedParameters(), ...model.namedBuffers() }).map((v) => Array.from(v.dataSync()));
      const optimizer = sgd({ learningRate: 1e-3 });
      const live = tf.memory().numTensors;
      const result = await lrRangeTest({ model, optimizer, data: dataLoader(blobs(64), { batchSize: 16 }), minLr: 1e-4, maxLr: 10, steps: 12, divergeThreshold: 1e9 });
      expect(result.learningRates).toHaveLength(12);
      expect(result.learningRates[0]).toBeCloseTo(1e-4, 12);
      expect(result.learningRates[11]).toBeCloseTo(10, 9);
      for (let i = 1; i < 12; i++) expect(result.learningRates[i]! / result.learningRates[i - 1]!).toBeCloseTo(10 ** (5 / 11), 9);
      expect(result.suggestion).toBeGreaterThanOrEqual(1e-4);
      expect(result.suggestion).toBeLessThanOrEqual(10);
      const after = Object.values({ ...model.namedParameters(), ...model.namedBuffers() }).map((v) => Array.from(v.dataSync()));
      expect(after).toEqual(before);
      optimizer.dispose(); // frees the state the test created in it
      expect(tf.memory().numTensors).toBe(live);
      disposeModel(model);
    });

    it('rejects a range that does not grow', async () => {
      const model = tinyMlp(4, 8, 3);
      await expect(lrRangeTest({ model, optimizer: tf.train.sgd(0.1), data: dataLoader(blobs(16), { batchSize: 8 }), minLr: 1, maxLr: 0.5 })).rejects.toThrow(
        /maxLr must be > minLr/,
      );
      disposeModel(model);
    });
  });
});
