import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { applyTransform } from './apply-transform';
import { chain, identity } from './chain';
import type { State } from './state';
import { expectClose, expectFlatMemory, forEachBackend } from './testing';
import type { Transform } from './transform';

/** Heavy-ball momentum with a host step counter: m <- 0.9 m + g, u = -0.1 m. */
function momentum(): Transform {
  return {
    init: (params) => ({ count: 0, m: Object.fromEntries(Object.entries(params).map(([k, p]) => [k, tf.zerosLike(p)])) }),
    update(updates, state, _params) {
      const m = state.m as Record<string, tf.Tensor>;
      const nextM: Record<string, tf.Tensor> = { ...m };
      const out: Record<string, tf.Tensor> = {};
      for (const [name, g] of Object.entries(updates)) {
        nextM[name] = tf.add(tf.mul(m[name]!, 0.9), g);
        out[name] = tf.mul(nextM[name]!, -0.1);
      }
      return { updates: out, state: { count: (state.count as number) + 1, m: nextM } };
    },
  };
}

forEachBackend(() => {
  describe('applyTransform', () => {
    it('applies p <- p + u, threads state and keeps memory flat', async () => {
      const params = { w: tf.variable(tf.tensor([1, 2])), b: tf.variable(tf.scalar(0)) };
      const tx = chain(identity(), momentum());
      let state: State = tx.init(params);
      const grads = { w: tf.tensor([1, -1]), b: tf.scalar(2) };
      // Step 1: m = g, p = p - 0.1 g. Step 2: m = 1.9 g, p = p - 0.1 * 1.9 g.
      state = applyTransform(tx, state, params, grads);
      state = applyTransform(tx, state, params, grads);
      expectClose(params.w, [1 - 0.29, 2 + 0.29], { rtol: 1e-6 });
      expectClose(params.b, [-0.58], { rtol: 1e-6 });
      expect((state[1] as State).count).toBe(2);
      await expectFlatMemory(() => (state = applyTransform(tx, state, params, grads)));
      tf.dispose([...Object.values(params), ...Object.values(grads)]);
      tf.dispose(Object.values((state[1] as State).m as Record<string, tf.Tensor>));
    });

    it('skips variables without a gradient, keeping their state', () => {
      const params = { w: tf.variable(tf.tensor([1])), frozen: tf.variable(tf.tensor([5])) };
      const tx = momentum();
      let state = tx.init(params);
      const g = tf.tensor([1]);
      state = applyTransform(tx, state, params, { w: g });
      expectClose(params.frozen, [5]);
      expectClose((state.m as Record<string, tf.Tensor>).frozen!, [0]);
      tf.dispose([...Object.values(params), g, ...Object.values(state.m as Record<string, tf.Tensor>)]);
    });

    it.each([
      ['an unknown variable', { nope: [1] }, /gradient for unknown variable 'nope'/],
      ['a wrong shape', { w: [1, 2, 3] }, /gradient of 'w' has shape \[3\], expected \[2\]/],
    ])('rejects %s, naming it, and changes nothing', (_, raw, message) => {
      const params = { w: tf.variable(tf.tensor([1, 2])) };
      const tx = momentum();
      const state = tx.init(params);
      const grads = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, tf.tensor(v)]));
      const before = tf.memory().numTensors;
      expect(() => applyTransform(tx, state, params, grads)).toThrow(message);
      expect(tf.memory().numTensors).toBe(before);
      expectClose(params.w, [1, 2]);
      tf.dispose([...Object.values(params), ...Object.values(grads), ...Object.values(state.m as Record<string, tf.Tensor>)]);
    });

    it('leaves parameters and state untouched when the transform throws mid-update', () => {
      const params = { w: tf.variable(tf.tensor([1, 2])) };
      const failing: Transform = {
        init: () => ({}),
        update(updates) {
          tf.mul(updates.w!, 2); // an intermediate that tidy must reclaim
          throw new Error('boom');
        },
      };
      const g = { w: tf.tensor([1, 1]) };
      const before = tf.memory().numTensors;
      expect(() => applyTransform(failing, {}, params, g)).toThrow('boom');
      expect(tf.memory().numTensors).toBe(before);
      expectClose(params.w, [1, 2]);
      tf.dispose([params.w, g.w]);
    });
  });
});
