import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { arrayDataset } from './dataset';
import { dataLoader } from './loader';

const dataset = arrayDataset({ x: Uint8Array.from({ length: 10 }, (_, i) => i * 25), y: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], sampleShape: [1], numClasses: 2 });

forEachBackend(() => {
  describe('dataLoader', () => {
    it('covers every sample once per epoch in a seeded order, scaling uint8 by 1/255', async () => {
      await expectNoLeaks(() => {
        const loader = dataLoader(dataset, { batchSize: 4, seed: 3 });
        expect(loader.length).toBe(3);
        const seen: number[] = [];
        for (const batch of loader.epoch(0)) {
          seen.push(...Array.from(batch.x.dataSync(), (v) => Math.round(v * 255) / 25));
          expect(Array.from(batch.y.dataSync())).toEqual(Array.from(batch.x.dataSync(), (v) => Math.round((v * 255) / 25) % 2));
          tf.dispose([batch.x, batch.y]);
        }
        expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(Array.from(loader.order(0))).toEqual(seen);
        expect(Array.from(dataLoader(dataset, { batchSize: 4, seed: 3 }).order(0))).toEqual(seen);
        expect(Array.from(loader.order(1))).not.toEqual(seen);
      });
    });

    it('drops the last partial batch on request and resumes from a batch index', async () => {
      await expectNoLeaks(() => {
        const loader = dataLoader(dataset, { batchSize: 4, dropLast: true, shuffle: false });
        const sizes = [...loader.epoch(0)].map((b) => (tf.dispose([b.x, b.y]), b.y.shape[0]));
        expect(sizes).toEqual([4, 4]);
        const rest = [...loader.epoch(0, 1)].map((b) => (tf.dispose([b.x, b.y]), b.index));
        expect(rest).toEqual([1]);
      });
    });

    it('frees the prefetched batch when the consumer stops early', async () => {
      await expectNoLeaks(() => {
        for (const batch of dataLoader(dataset, { batchSize: 2 }).epoch(0)) {
          tf.dispose([batch.x, batch.y]);
          break;
        }
      });
    });

    it('rejects bad options and labels with clear errors', () => {
      expect(() => dataLoader(dataset, { batchSize: 0 })).toThrow(/batchSize must be an integer >= 1/);
      expect(() => dataLoader(dataset, { batchSize: 11, dropLast: true })).toThrow(/leaves no batch/);
      expect(() => arrayDataset({ x: new Float32Array(2), y: [0, 5], sampleShape: [1], numClasses: 2 })).toThrow(/y\[1\] is 5/);
      expect(() => arrayDataset({ x: new Float32Array(3), y: [0, 1], sampleShape: [1], numClasses: 2 })).toThrow(/x holds 3 values/);
    });
  });
});
