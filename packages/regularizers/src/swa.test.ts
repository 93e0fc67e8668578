import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { loadState, saveState, stateTensors } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { fakeContext } from './__fixtures__/helpers';
import { swa } from './swa';

forEachBackend(() => {
  describe('swa', () => {
    const setup = () => {
      const w = tf.tidy(() => tf.variable(tf.tensor([0, 0])));
      const mean = tf.tidy(() => tf.variable(tf.tensor([5]), false));
      return { w, mean, ctx: fakeContext({ 'fc.weight': w, 'bn.running_mean': mean }) };
    };
    /** Runs epochs 0..5 with w = [e, e^2] at the end of epoch e. */
    const epochs = (cb: ReturnType<typeof swa>, ctx: ReturnType<typeof fakeContext>, w: tf.Variable) => {
      cb.onTrainBegin!(ctx, {});
      for (let e = 0; e < 6; e++) {
        ctx.epoch = e;
        tf.tidy(() => w.assign(tf.tensor([e, e * e])));
        cb.onEpochEnd!(ctx, {});
      }
    };

    it('averages the weights of epochs start, start + frequency, ... equally (torch AveragedModel)', async () => {
      const { w, mean, ctx } = setup();
      const cb = swa({ start: 1, frequency: 2 });
      await expectNoLeaks(() => epochs(cb, ctx, w), { extra: 1 });
      // Epochs 1, 3, 5: mean of [1, 1], [3, 9], [5, 25] = [3, 35 / 3].
      expect(cb.count).toBe(3);
      expectClose(cb.averaged()['fc.weight']!, [3, 35 / 3], { rtol: 1e-6 });
      expect(Object.keys(cb.averaged())).toEqual(['fc.weight']); // buffers are not averaged by default
      cb.dispose();
      tf.dispose([w, mean]);
    });

    it('swapIn assigns the average, then runs the BatchNorm refresh hook; swapOut restores parameters and buffers', async () => {
      const { w, mean, ctx } = setup();
      const seen: number[][] = [];
      const cb = swa({
        start: 4,
        updateBn: (variables) => {
          seen.push(Array.from(variables['fc.weight']!.dataSync()));
          tf.tidy(() => variables['bn.running_mean']!.assign(tf.tensor([-1])));
        },
      });
      epochs(cb, ctx, w);
      await expectNoLeaks(async () => {
        await cb.swapIn();
        expectClose(w, [4.5, 20.5]); // mean of [4, 16] and [5, 25]
        expect(seen).toEqual([[4.5, 20.5]]); // the hook saw the averaged weights
        expectClose(mean, [-1]);
        cb.swapOut();
        expectClose(w, [5, 25]);
        expectClose(mean, [5]);
      });
      await expectFlatMemory(async () => {
        cb.onEpochEnd!(ctx, {});
        await cb.swapIn();
        cb.swapOut();
      });
      cb.dispose();
      tf.dispose([w, mean]);
    });

    it('useBuffers averages non-trainable variables too; state round-trips through saveState/loadState', async () => {
      const { w, mean, ctx } = setup();
      const cb = swa({ useBuffers: true });
      epochs(cb, ctx, w);
      expectClose(cb.averaged()['bn.running_mean']!, [5]);
      const { state } = loadState(await saveState(cb.stateDict()));
      const resumed = swa({ useBuffers: true });
      resumed.loadStateDict(state);
      tf.dispose(stateTensors(state));
      expect(resumed.count).toBe(6);
      expectClose(resumed.averaged()['fc.weight']!, [2.5, 55 / 6], { rtol: 1e-6 });
      cb.dispose();
      resumed.dispose();
      tf.dispose([w, mean]);
    });

    it('rejects bad options at the factory and a swapIn with nothing averaged', async () => {
      expect(() => swa({ start: -1 })).toThrow(/start must be an integer >= 0/);
      expect(() => swa({ frequency: 0 })).toThrow(/frequency must be an integer >= 1/);
      expect(() => swa({ updateBn: 3 as unknown as () => void })).toThrow(/updateBn/);
      const { w, mean, ctx } = setup();
      const cb = swa({ start: 10 });
      cb.onTrainBegin!(ctx, {});
      await expect(cb.swapIn()).rejects.toThrow(/nothing averaged yet/);
      tf.dispose([w, mean]);
    });
  });
});
