import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { applyTransform, chain, stateTensors, type State, type TensorMap } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { applyIfFinite, type ApplyIfFiniteState } from './apply-if-finite';
import { clipByValue } from './clip-by-value';
import { scaleByBelief } from './scale-by-belief';
import { scaleByLion } from './scale-by-lion';
import { expectTransformContract } from './transform-contract';

const scalarOf = (t: tf.Tensor) => t.dataSync()[0];

forEachBackend(() => {
  describe('applyIfFinite', () => {
    it('skips NaN/Inf steps (zero update, inner state kept) and counts them', async () => {
      await expectNoLeaks(async () => {
        const params = tf.tidy(() => ({ p: tf.variable(tf.tensor([1, 2])), q: tf.variable(tf.tensor([3])) }));
        const tx = applyIfFinite(chain(clipByValue({ clipValue: 10 }), scaleByLion()));
        let state = tx.init(params) as ApplyIfFiniteState;
        const finite: TensorMap = { p: tf.tensor([0.5, -0.5]), q: tf.tensor([1]) };
        const nan: TensorMap = { p: tf.tensor([Number.NaN, 1]), q: tf.tensor([1]) };
        const inf: TensorMap = { p: tf.tensor([1, 1]), q: tf.tensor([Number.POSITIVE_INFINITY]) };
        // Lion without a learning rate moves by sign(.) = +-1: p (1, 2) -> (2, 1), q 3 -> 4.
        state = applyTransform(tx, state, params, finite) as ApplyIfFiniteState;
        expectClose(params.p!, [2, 1], {}, 'p after a finite step');
        const mu = [...(state.inner as { 1: { mu: TensorMap } })[1].mu.p!.dataSync()];
        for (const bad of [nan, inf]) {
          state = applyTransform(tx, state, params, bad) as ApplyIfFiniteState;
          expectClose(params.p!, [2, 1], {}, 'p after a skipped step');
          expectClose(params.q!, [4], {}, 'q after a skipped step');
          expectClose((state.inner as { 1: { mu: TensorMap } })[1].mu.p!, mu, {}, 'momentum after a skipped step');
          expect(scalarOf(state.lastFinite)).toBe(0);
        }
        expect([scalarOf(state.totalNotFinite), scalarOf(state.notFiniteCount)]).toEqual([2, 2]);
        state = applyTransform(tx, state, params, finite) as ApplyIfFiniteState;
        expect([scalarOf(state.totalNotFinite), scalarOf(state.notFiniteCount), scalarOf(state.lastFinite)]).toEqual([2, 0, 1]);
        // Skipped and applied steps alike keep the tensor count flat.
        await expectFlatMemory(() => (state = applyTransform(tx, state, params, nan) as ApplyIfFiniteState), { steps: 2 });
        await expectFlatMemory(() => (state = applyTransform(tx, state, params, finite) as ApplyIfFiniteState), { steps: 2 });
        tf.dispose([...stateTensors(state as State), ...Object.values(params), ...Object.values(finite), ...Object.values(nan), ...Object.values(inf)]);
      });
    });

    it('applies a non-finite step after maxConsecutiveErrors skips in a row', async () => {
      await expectNoLeaks(() => {
        const params = tf.tidy(() => ({ p: tf.variable(tf.tensor([1])) }));
        const tx = applyIfFinite(scaleByBelief(), { maxConsecutiveErrors: 1 });
        let state = tx.init(params) as State;
        const nan = { p: tf.tensor([Number.NaN]) };
        state = applyTransform(tx, state, params, nan); // 1 in a row <= 1: skipped
        expectClose(params.p!, [1], {}, 'first NaN step skipped');
        state = applyTransform(tx, state, params, nan); // 2 in a row > 1: applied
        expect(Number.isNaN(params.p!.dataSync()[0])).toBe(true);
        tf.dispose([...stateTensors(state), params.p!, nan.p]);
      });
    });

    it('decides on the device: no tensor is read back during update', async () => {
      await expectNoLeaks(() => {
        const tx = applyIfFinite(chain(clipByValue({ clipValue: 1 }), scaleByBelief()));
        const g = { p: tf.tensor([Number.NaN, 1]) };
        const state = tf.tidy(() => tx.init(g)) as State;
        const reads = ['dataSync', 'arraySync', 'data', 'array'].map((m) => vi.spyOn(tf.Tensor.prototype, m as 'dataSync'));
        try {
          tf.dispose(tf.tidy(() => stateTensors(tx.update(g, state as ApplyIfFiniteState, g).state as State)));
          for (const spy of reads) expect(spy).not.toHaveBeenCalled();
        } finally {
          for (const spy of reads) spy.mockRestore();
        }
        tf.dispose([...stateTensors(state), g.p]);
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone', async () => {
      await expectTransformContract(applyIfFinite(scaleByBelief()));
    });
  });
});

describe('applyIfFinite options', () => {
  it('rejects a bad maxConsecutiveErrors', () => {
    expect(() => applyIfFinite(scaleByLion(), { maxConsecutiveErrors: -1 })).toThrow(/maxConsecutiveErrors/);
    expect(() => applyIfFinite(scaleByLion(), { maxConsecutiveErrors: 1.5 })).toThrow(RangeError);
  });
});
