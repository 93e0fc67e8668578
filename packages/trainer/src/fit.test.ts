import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gaussianNoise } from '@nnopt/augment';
import { adamw } from '@nnopt/optimizers';
import { earlyStopping, ema, l2 } from '@nnopt/regularizers';
import { cosineAnnealingLR, reduceLROnPlateau } from '@nnopt/schedulers';
import { forEachBackend } from '@nnopt/core/testing';
import { blobs, disposeModel, tinyMlp } from './__tests__/tiny-model';
import { consoleLogger, csvLogger, jsonlLogger } from './callbacks/loggers';
import { modelCheckpoint, type CheckpointStore } from './callbacks/model-checkpoint';
import { memoryMonitor, throughputMonitor } from './callbacks/monitors';
import { terminateOnNaN } from './callbacks/non-finite';
import { onPlateau } from './callbacks/plateau';
import { progressBar } from './callbacks/progress-bar';
import { tensorBoard } from './callbacks/tensorboard';
import { dataLoader } from './data/loader';
import { fit } from './fit';
import { readEvents } from './tensorboard/read-events';

function memoryStore(): CheckpointStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return { files, write: async (name, bytes) => void files.set(name, bytes), read: async (name) => files.get(name) ?? null };
}

const text = () => {
  const lines: string[] = [];
  return { lines, write: (t: string) => void lines.push(t) };
};

const weights = (model: ReturnType<typeof tinyMlp>) =>
  Object.fromEntries(Object.entries({ ...model.namedParameters(), ...model.namedBuffers() }).map(([k, v]) => [k, Array.from(v.dataSync())]));

forEachBackend(() => {
  describe('fit', () => {
    it('trains with every callback enabled, logs everything, and keeps memory flat', async () => {
      const model = tinyMlp(4, 8, 3);
      const optimizer = adamw({ learningRate: 0.05, weightDecay: 0.01 });
      const data = dataLoader(blobs(96), { batchSize: 16, seed: 1 });
      const validation = dataLoader(blobs(48, 4, 7), { batchSize: 16, shuffle: false });
      const console = text();
      const bar = text();
      const jsonl = text();
      const csv = text();
      const events: Uint8Array[] = [];
      const store = memoryStore();
      const average = ema({ decay: 0.9 });
      const stopper = earlyStopping({ monitor: 'val_loss', patience: 3, restoreBestWeights: true });
      const before = tf.memory().numTensors;
      const history = await fit({
        model,
        optimizer,
        data,
        validation,
        epochs: 4,
        seed: 3,
        regularizers: [l2({ l2: 1e-4 })],
        clip: { globalNorm: 5 },
        augment: gaussianNoise({ std: 0.05 }),
        hyperparameters: { weightDecay: { schedule: cosineAnnealingLR({ lr: 0.01, tMax: 4 }), per: 'epoch' } },
        callbacks: [
          throughputMonitor(), // monitors add to the logs: they come before the loggers
          progressBar({ sink: bar, tty: false, every: 3 }),
          consoleLogger(console),
          jsonlLogger(jsonl),
          csvLogger(csv),
          tensorBoard({ sink: { append: (b) => void events.push(b) }, hparams: { lr: 0.05, optimizer: 'adamw' }, updateFreq: 2 }),
          modelCheckpoint({ store, everySteps: 5 }),
          terminateOnNaN(),
          onPlateau(reduceLROnPlateau({ lr: 0.05, patience: 1 })),
          stopper,
          average,
          memoryMonitor({ maxGrowth: 0 }),
        ],
      });
      expect(history.stopReason).toBeNull();
      expect(history.steps).toBe(24);
      const losses = history.epochs.map((l) => l.loss!);
      expect(losses[3]).toBeLessThan(losses[0]!);
      expect(history.epochs[3]!.val_acc).toBeGreaterThan(0.9);
      expect(history.epochs[1]!.tensors).toBe(history.epochs[0]!.tensors);
      expect(console.lines[0]).toMatch(/^epoch 1\/4 {2}loss \d\.\d{4} {2}acc /);
      expect(bar.lines.some((l) => /epoch 2\/4 \[=+>? *\] 6\/6 .* samples\/s {2}ETA 0:00 {2}loss \d/.test(l))).toBe(true);
      expect(jsonl.lines.map((l) => JSON.parse(l).epoch)).toEqual([0, 1, 2, 3]);
      expect(csv.lines[0]).toBe('epoch,step,loss,acc,val_loss,val_acc,samples_per_sec\n');
      expect(csv.lines).toHaveLength(5);
      // The TensorBoard stream decodes: framing, CRCs, Event and Summary protobufs.
      const decoded = readEvents(Uint8Array.from(events.flatMap((e) => [...e])));
      expect(decoded[0]!.fileVersion).toBe('brain.Event:2');
      expect(decoded[1]!.plugins['_hparams_/session_start_info']).toBe('hparams');
      const epochScalars = decoded.filter((e) => 'epoch/loss' in e.scalars);
      expect(epochScalars.map((e) => e.step)).toEqual([0, 1, 2, 3]);
      expect(epochScalars[0]!.scalars['epoch/loss']).toBeCloseTo(losses[0]!, 5);
      expect(epochScalars[0]!.scalars['epoch/learning_rate']).toBeCloseTo(0.05, 7);
      expect(decoded.some((e) => e.histograms['fc1.weight']?.num === 32)).toBe(true);
      expect(decoded.filter((e) => 'batch/loss' in e.scalars).length).toBeGreaterThan(0);
      expect([...store.files.keys()].sort()).toEqual(['best', 'last']);
      expect(average.updates).toBe(24);
      average.dispose();
      stopper.dispose();
      disposeModel(model);
      optimizer.dispose();
      expect(tf.memory().numTensors).toBe(before - Object.keys({ ...model.namedParameters(), ...model.namedBuffers() }).length);
    });

    it('resumes from a mid-epoch snapshot to bit-identical weights', async () => {
      const run = async (resume?: Uint8Array, stopAt?: number) => {
        const model = tinyMlp(4, 8, 3, 5);
        const optimizer = adamw({ learningRate: (step: number) => 0.05 / (1 + step) });
        const store = memoryStore();
        const history = await fit({
          model,
          optimizer,
          data: dataLoader(blobs(80), { batchSize: 16, seed: 2 }),
          epochs: 3,
          steps: stopAt,
          seed: 9,
          resume,
          augment: gaussianNoise({ std: 0.1 }),
          callbacks: [modelCheckpoint({ store, everySteps: 1 })],
        });
        const result = { weights: weights(model), history, last: store.files.get('last') };
        disposeModel(model);
        optimizer.dispose();
        return result;
      };
      const full = await run();
      const interrupted = await run(undefined, 7); // 7 steps: epoch 1, batch 2 of 5
      const resumed = await run(interrupted.last);
      expect(resumed.weights).toEqual(full.weights);
      expect(resumed.history.epochs).toEqual(full.history.epochs);
      expect(resumed.history.steps).toBe(15);
    });

    it('rejects a checkpoint of another model, naming the parameter', async () => {
      const a = tinyMlp(4, 8, 3);
      const store = memoryStore();
      const optimizer = adamw();
      await fit({ model: a, optimizer, data: dataLoader(blobs(32), { batchSize: 16 }), callbacks: [modelCheckpoint({ store })] });
      const b = tinyMlp(4, 6, 3);
      await expect(fit({ model: b, optimizer: adamw(), data: dataLoader(blobs(32), { batchSize: 16 }), resume: store.files.get('last') })).rejects.toThrow(
        /parameter 'fc1\.weight' has shape \[4, 8\], the model expects \[4, 6\]/,
      );
      disposeModel(a);
      disposeModel(b);
      optimizer.dispose();
    });
  });
});
