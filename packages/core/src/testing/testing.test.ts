import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from './index';

forEachBackend((backend) => {
  describe('expectNoLeaks', () => {
    it(`catches a deliberate leak on ${backend}`, async () => {
      let leaked: tf.Tensor | undefined;
      await expect(expectNoLeaks(() => void (leaked = tf.add(tf.ones([2]), 1)))).rejects.toThrow(/leaked 2 tensor\(s\)/);
      leaked?.dispose();
    });

    it('passes a body that cleans up, and allows declared extra tensors', async () => {
      await expectNoLeaks(() => tf.tidy(() => tf.sum(tf.add(tf.ones([2]), 1)).dataSync()));
      const kept = await expectNoLeaks(() => tf.ones([2]), { extra: 1 });
      kept.dispose();
    });
  });

  describe('expectFlatMemory', () => {
    it('catches per-step growth and accepts a flat step', async () => {
      const leaks: tf.Tensor[] = [];
      await expect(expectFlatMemory(() => leaks.push(tf.zeros([1])))).rejects.toThrow(/grew from \d+ to \d+ over 3 steps \(1 per step\)/);
      tf.dispose(leaks);
      let state = tf.zeros([3]);
      await expectFlatMemory(() => {
        const next = tf.tidy(() => tf.add(state, 1));
        state.dispose();
        state = next;
      });
      state.dispose();
    });
  });
});

describe('expectClose', () => {
  it('accepts values within rtol/atol and treats NaN as equal to NaN', () => {
    expectClose([1, 2, NaN], [1 + 1e-6, 2, NaN], { rtol: 1e-5 });
  });

  it('reports the count, the worst element and the first mismatches', () => {
    expect(() => expectClose([1, 2.5, 3, NaN], [1, 2, 3.001, 4], { rtol: 1e-4, atol: 0 }, 'w')).toThrow(
      /^w: 3 of 4 values differ beyond rtol 0\.0001, atol 0; worst \[3\] got NaN, expected 4\n {2}\[1\] got 2\.5/,
    );
  });

  it('compares tensor shapes', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([3, 2]);
    expect(() => expectClose(a, b)).toThrow(/shape \[2, 3\] differs from expected \[3, 2\]/);
    tf.dispose([a, b]);
  });
});
