import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import fixture from './__fixtures__/constraints.json';
import { fakeContext, fromFixture } from './__fixtures__/helpers';
import { maxNorm } from './max-norm';
import { nonNeg } from './non-neg';
import { allParams } from './param-filter';
import { unitNorm } from './unit-norm';

forEachBackend(() => {
  const vars = () =>
    tf.tidy(() => ({
      'fc.weight': tf.variable(fromFixture(fixture.w)),
      'conv.weight': tf.variable(fromFixture(fixture.conv)),
      'fc.bias': tf.variable(tf.tensor([-3, 4])),
    }));

  describe('constraints', () => {
    it('maxNorm (axis 0) matches the Keras formula computed in PyTorch; the filter leaves other variables alone', async () => {
      const v = vars();
      await expectNoLeaks(() => {
        maxNorm({ maxValue: fixture.maxValue, axis: 0, filter: (n) => n === 'fc.weight' }).apply(v);
        tf.tidy(() => expectClose(v['fc.weight'], fromFixture(fixture.maxNormAxis0), { rtol: 1e-5, atol: 1e-6 }));
        maxNorm({ maxValue: 1e-3 }).apply({ 'fc.bias': v['fc.bias'] });
        expectClose(v['fc.bias'], [-3, 4]); // rank 1: excluded by the default filter
        tf.tidy(() => expectClose(v['conv.weight'], fromFixture(fixture.conv))); // filtered out: untouched
      });
      tf.dispose(Object.values(v));
    });

    it('maxNorm over all axes but 0 equals torch.renorm(w, 2, 0, maxValue) on a PyTorch-layout conv weight', async () => {
      const v = vars();
      await expectNoLeaks(() => {
        maxNorm({ maxValue: fixture.maxValue, axis: [1, 2, 3], filter: (n, p) => p.rank === 4 }).apply(v);
        tf.tidy(() => expectClose(v['conv.weight'], fromFixture(fixture.renormConv), { rtol: 1e-5, atol: 1e-6 }));
      });
      tf.dispose(Object.values(v));
    });

    it('unitNorm matches the Keras formula; nonNeg clips at 0; as callbacks they act on ctx.variables() at onBatchEnd', async () => {
      const w = tf.tidy(() => tf.variable(fromFixture(fixture.w)));
      const ctx = fakeContext({ 'fc.weight': w });
      await expectNoLeaks(() => {
        unitNorm({ axis: 1 }).onBatchEnd(ctx);
        tf.tidy(() => expectClose(w, fromFixture(fixture.unitNormAxis1), { rtol: 1e-5, atol: 1e-6 }));
        const b = tf.tidy(() => tf.variable(tf.tensor([-1, 0.5, -0, 2])));
        nonNeg({ filter: allParams }).apply({ b });
        expectClose(b, [0, 0.5, 0, 2]);
        b.dispose();
      });
      await expectFlatMemory(() => maxNorm().onBatchEnd(ctx));
      w.dispose();
    });

    it('rejects bad options at the factory; an axis out of range for a variable changes nothing', async () => {
      expect(() => maxNorm({ maxValue: 0 })).toThrow(/maxValue must be a finite number > 0/);
      expect(() => maxNorm({ axis: 0.5 })).toThrow(/axis must be an integer/);
      expect(() => unitNorm({ axis: [] })).toThrow(RangeError);
      const v = vars();
      const before = v['fc.weight'].arraySync();
      await expectNoLeaks(() => {
        expect(() => maxNorm({ axis: 3 }).apply(v)).toThrow(/maxNorm: axis 3 is out of range for 'fc.weight' of rank 2/);
      });
      expect(v['fc.weight'].arraySync()).toEqual(before);
      tf.dispose(Object.values(v));
    });
  });
});
