import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { loadState, saveState, stateTensors } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { fakeContext } from './__fixtures__/helpers';
import { ema } from './ema';

/** w_t = [t, 1 - t^2 / 4], t = 0..5: a short, non-linear weight sequence. */
const weightAt = (t: number) => [t, 1 - (t * t) / 4];

forEachBackend(() => {
  describe('ema', () => {
    const setup = () => {
      const w = tf.tidy(() => tf.variable(tf.tensor(weightAt(0))));
      const buffer = tf.tidy(() => tf.variable(tf.tensor([10]), false));
      return { w, buffer, ctx: fakeContext({ 'fc.weight': w, 'bn.running_mean': buffer }) };
    };

    it.each([false, true])('matches the closed-form average s_T = prod(d) w_0 + sum_t (1 - d_t) prod_{u>t} d_u w_t (warmup %s)', async (warmup) => {
      const { w, buffer, ctx } = setup();
      const decay = 0.8;
      const cb = ema({ decay, warmup });
      const T = 5;
      await expectNoLeaks(
        () => {
          cb.onTrainBegin!(ctx, {});
          for (let t = 1; t <= T; t++) {
            tf.tidy(() => w.assign(tf.tensor(weightAt(t))));
            cb.onBatchEnd!(ctx, {});
          }
        },
        { extra: 2 }, // the averaged copies of the two variables
      );
      // Closed form, not the recursion: d_t for the update with t-1 updates before it.
      const d = (t: number) => (warmup ? Math.min(decay, t / (9 + t)) : decay);
      const prod = (from: number) => Array.from({ length: T - from + 1 }, (_, i) => d(from + i)).reduce((a, b) => a * b, 1);
      const expected = [0, 1].map((k) => {
        let s = prod(1) * weightAt(0)[k]!;
        for (let t = 1; t <= T; t++) s += (1 - d(t)) * (t < T ? prod(t + 1) : 1) * weightAt(t)[k]!;
        return s;
      });
      expectClose(cb.averaged()['fc.weight']!, expected, { rtol: 1e-5 });
      if (!warmup) expectClose(expected[0]!, (1 - 0.8) * (5 + 4 * 0.8 + 3 * 0.64 + 2 * 0.512 + 0.4096), { rtol: 1e-12 }); // hand check
      expectClose(cb.averaged()['bn.running_mean']!, [10]); // buffers averaged too (useBuffers default), constant here
      expect(cb.updates).toBe(T);
      cb.dispose();
      tf.dispose([w, buffer]);
    });

    it('swapIn puts the average in place for evaluation and swapOut restores the training weights; memory stays flat', async () => {
      const { w, buffer, ctx } = setup();
      const cb = ema({ decay: 0.5, useBuffers: false });
      cb.onTrainBegin!(ctx, {});
      tf.tidy(() => w.assign(tf.tensor([2, 4])));
      cb.onBatchEnd!(ctx, {});
      // s_1 = 0.5 [0, 1] + 0.5 [2, 4] = [1, 2.5]
      expect(Object.keys(cb.averaged())).toEqual(['fc.weight']);
      await expectNoLeaks(() => {
        cb.swapIn();
        expectClose(w, [1, 2.5]);
        expect(() => cb.swapIn()).toThrow(/already swapped in/);
        expect(() => cb.onBatchEnd!(ctx, {})).toThrow(/swapped in/);
        cb.swapOut();
        expectClose(w, [2, 4]);
        expect(() => cb.swapOut()).toThrow(/not swapped in/);
      });
      await expectFlatMemory(() => {
        cb.onBatchEnd!(ctx, {});
        cb.swapIn();
        cb.swapOut();
      });
      cb.dispose();
      tf.dispose([w, buffer]);
    });

    it('round-trips stateDict through saveState/loadState', async () => {
      const { w, buffer, ctx } = setup();
      const cb = ema({ decay: 0.5 });
      cb.onTrainBegin!(ctx, {});
      tf.tidy(() => w.assign(tf.tensor([2, 4])));
      cb.onBatchEnd!(ctx, {});
      const { state } = loadState(await saveState(cb.stateDict()));
      const resumed = ema({ decay: 0.5 });
      resumed.loadStateDict(state);
      tf.dispose(stateTensors(state));
      resumed.onTrainBegin!(ctx, {}); // keeps the loaded shadow
      expect(resumed.updates).toBe(1);
      expectClose(resumed.averaged()['fc.weight']!, [1, 2.5]);
      cb.dispose();
      resumed.dispose();
      tf.dispose([w, buffer]);
    });

    it('rejects bad options at the factory and swapIn before training', () => {
      expect(() => ema({ decay: 1.5 })).toThrow(/decay must be in \[0, 1\]/);
      expect(() => ema({ decay: -0.1 })).toThrow(RangeError);
      expect(() => ema({ warmup: 1 as unknown as boolean })).toThrow(/warmup/);
      expect(() => ema().swapIn()).toThrow(/no variables yet/);
    });
  });
});
