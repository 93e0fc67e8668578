import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { loadState, saveState } from '@nnopt/core';
import { forEachBackend } from '@nnopt/core/testing';
import { fakeContext } from './__fixtures__/helpers';
import { linearRun, valuesOf } from './__fixtures__/linear-run';
import { earlyStopping, type EarlyStoppingOptions } from './early-stopping';

/** Feeds `values` of `monitor` as epoch logs; returns the epoch where it asked to stop (or undefined). */
function script(values: number[], options: EarlyStoppingOptions): number | undefined {
  const w = tf.tidy(() => tf.variable(tf.zeros([1])));
  const cb = earlyStopping(options);
  const ctx = fakeContext({ w });
  cb.onTrainBegin!(ctx, {});
  let stoppedAt: number | undefined;
  for (const [epoch, value] of values.entries()) {
    ctx.epoch = epoch;
    cb.onEpochEnd!(ctx, { [options.monitor ?? 'val_loss']: value });
    if (ctx.stopped !== undefined) {
      stoppedAt = epoch;
      break;
    }
  }
  cb.dispose();
  w.dispose();
  return stoppedAt;
}

forEachBackend(() => {
  describe('earlyStopping', () => {
    it('restores exactly the best epoch weights in a training run, with flat memory', async () => {
      const before = tf.memory().numTensors;
      const cb = earlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true });
      const run = await linearRun([cb]);
      const losses = run.logs.map((l) => l.val_loss!);
      const best = losses.indexOf(Math.min(...losses));
      // The run is built so that val_loss turns back up: the best epoch is neither the first nor the last one.
      expect(best).toBeGreaterThan(0);
      expect(run.stoppedAt).toBe(best + 2);
      expect(cb.bestEpoch).toBe(best);
      expect(cb.stoppedEpoch).toBe(best + 2);
      expect(valuesOf(run.variables)).toEqual(run.snapshots[best]);
      expect(valuesOf(run.variables)).not.toEqual(run.snapshots[run.snapshots.length - 1]);
      // One stored copy of the weights, whatever the epoch: the count is flat from the first epoch on.
      expect(new Set(run.tensorCounts).size).toBe(1);
      cb.dispose();
      tf.dispose(Object.values(run.variables));
      expect(tf.memory().numTensors).toBe(before);
    });

    it('without restoreBestWeights keeps the last weights; with it, restores even when training runs out of epochs', async () => {
      const plain = earlyStopping({ patience: 2 });
      const run = await linearRun([plain]);
      expect(valuesOf(run.variables)).toEqual(run.snapshots[run.snapshots.length - 1]);
      tf.dispose(Object.values(run.variables));

      const restoring = earlyStopping({ patience: 100, restoreBestWeights: true });
      const full = await linearRun([restoring], { epochs: 25 });
      expect(full.stoppedAt).toBeUndefined();
      expect(valuesOf(full.variables)).toEqual(full.snapshots[restoring.bestEpoch]);
      restoring.dispose();
      tf.dispose(Object.values(full.variables));
    });

    it('follows Keras on patience, minDelta, mode, baseline and startFromEpoch (hand-traced)', () => {
      // wait: e0 improves (0), e1 improves (0), e2 1, e3 2 >= patience 2: stop at 3.
      expect(script([1, 0.9, 0.95, 0.96, 0.97], { patience: 2 })).toBe(3);
      // minDelta 0.06: 0.95 is not below 1 - 0.06, so e1 waits 1 >= patience 1: stop at 1.
      expect(script([1, 0.95, 0.5], { patience: 1, minDelta: 0.06 })).toBe(1);
      expect(script([1, 0.95, 0.5], { patience: 1, minDelta: 0.01 })).toBeUndefined();
      // 'auto' maximizes *_acc; 'min' forced on it stops at the first rise.
      expect(script([0.5, 0.6, 0.7], { monitor: 'val_acc', patience: 1 })).toBeUndefined();
      expect(script([0.5, 0.6, 0.7], { monitor: 'val_acc', mode: 'min', patience: 1 })).toBe(1);
      // Baseline 0.4 is never beaten, so wait is never reset: 1, 2, 3 >= 2 at e2. Without it: no stop.
      expect(script([0.5, 0.45, 0.6], { patience: 2, baseline: 0.4 })).toBe(2);
      expect(script([0.5, 0.45, 0.6], { patience: 2 })).toBeUndefined();
      // startFromEpoch 2 ignores the early low values.
      expect(script([0.1, 0.2, 0.5, 0.6], { patience: 1 })).toBe(1);
      expect(script([0.1, 0.2, 0.5, 0.6], { patience: 1, startFromEpoch: 2 })).toBe(3);
    });

    it('round-trips its state through saveState/loadState and restores the loaded best weights', async () => {
      const w = tf.tidy(() => tf.variable(tf.tensor([1, 2])));
      const ctx = fakeContext({ w });
      const cb = earlyStopping({ restoreBestWeights: true, patience: 5 });
      cb.onTrainBegin!(ctx, {});
      cb.onEpochEnd!(ctx, { val_loss: 0.5 });
      const bytes = await saveState(cb.stateDict());
      cb.dispose();
      const { state } = loadState(bytes);
      const resumed = earlyStopping({ restoreBestWeights: true, patience: 5 });
      resumed.loadStateDict(state);
      tf.dispose(Object.values((state as { bestWeights: Record<string, tf.Tensor> }).bestWeights));
      resumed.onTrainBegin!(ctx, {}); // keeps the loaded state
      expect(resumed.best).toBe(0.5);
      w.assign(tf.tidy(() => tf.tensor([9, 9])));
      ctx.epoch = 1;
      resumed.onEpochEnd!(ctx, { val_loss: 0.7 });
      resumed.onTrainEnd!(ctx, {});
      expect(Array.from(w.dataSync())).toEqual([1, 2]);
      resumed.dispose();
      w.dispose();
    });

    it('rejects bad options at the factory and a missing monitor by name', () => {
      expect(() => earlyStopping({ patience: -1 })).toThrow(/patience must be an integer >= 0/);
      expect(() => earlyStopping({ patience: 1.5 })).toThrow(RangeError);
      expect(() => earlyStopping({ minDelta: -0.1 })).toThrow(/minDelta/);
      expect(() => earlyStopping({ mode: 'up' as 'min' })).toThrow(/mode must be/);
      expect(() => earlyStopping({ baseline: Number.NaN })).toThrow(/baseline/);
      expect(() => earlyStopping({ startFromEpoch: -2 })).toThrow(/startFromEpoch/);
      expect(() => earlyStopping({ monitor: '' })).toThrow(/monitor/);
      const cb = earlyStopping({ monitor: 'val_loss' });
      const ctx = fakeContext({});
      expect(() => cb.onEpochEnd!(ctx, { loss: 1 })).toThrow(/monitor 'val_loss' is not in the epoch logs \(loss\)/);
    });
  });
});
