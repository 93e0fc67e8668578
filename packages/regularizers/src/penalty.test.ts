import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ensureGradients, type TensorMap } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import fixture from './__fixtures__/penalties.json';
import { fromFixture } from './__fixtures__/helpers';
import { l1 } from './l1';
import { l1l2 } from './l1l2';
import { l2 } from './l2';
import { orthogonal } from './orthogonal';
import { allParams } from './param-filter';
import type { Penalty } from './penalty';

// Conformance table: every penalty against PyTorch 1.13 autograd (tools/fixtures/regularizers.py).
const { l1: s1, l2: s2, factor } = fixture;
const table: [keyof typeof fixture.penalties, Penalty][] = [
  ['l1', l1({ l1: s1 })],
  ['l2', l2({ l2: s2 })],
  ['l1l2', l1l2({ l1: s1, l2: s2 })],
  ['orthogonal_rows', orthogonal({ factor, mode: 'rows' })],
  ['orthogonal_columns', orthogonal({ factor, mode: 'columns' })],
];

forEachBackend(() => {
  ensureGradients();
  const makeParams = (): TensorMap<tf.Variable> => tf.tidy(() => ({
    ...Object.fromEntries(Object.entries(fixture.params).map(([name, t]) => [name, tf.variable(fromFixture(t), true, name)])),
    // Excluded by the default filter (no-decay rule): a bias and a norm weight, both of rank 1.
    'fc.bias': tf.variable(tf.tensor([5, -7, 9]), true, 'fc.bias'),
    'bn1.weight': tf.variable(tf.tensor([3, 3]), true, 'bn1.weight'),
  }));

  describe.each(table)('%s', (name, penalty) => {
    const expected = fixture.penalties[name];

    it('matches PyTorch in value and gradient, skips biases and norm parameters, keeps memory flat', async () => {
      const params = makeParams();
      await expectNoLeaks(() => {
        const value = penalty(params);
        expectClose(value, expected.value, { rtol: 2e-5 }, `${name} value`);
        value.dispose();
        const { value: v, grads } = tf.variableGrads(() => penalty(params), Object.values(params));
        v.dispose();
        tf.tidy(() => {
          for (const [pname, g] of Object.entries(expected.grads)) {
            expectClose(grads[pname]!, fromFixture(g), { rtol: 2e-5, atol: 1e-6 }, `${name} grad of ${pname}`);
          }
        });
        expect(grads['fc.bias']).toBeUndefined(); // excluded parameters get no gradient from the penalty
        tf.dispose(Object.values(grads));
      });
      await expectFlatMemory(() => tf.dispose(penalty(params)));
      tf.dispose(Object.values(params));
    });
  });

  describe('filters and options', () => {
    it('allParams includes rank-1 tensors for l1/l2; orthogonal skips them anyway', async () => {
      const params = { b: tf.tensor([1, -2]) };
      await expectNoLeaks(() =>
        tf.tidy(() => {
          // l1 = 0.5 * (1 + 2) = 1.5; l2 = 0.5 * (1 + 4) = 2.5.
          expectClose(l1({ l1: 0.5, filter: allParams })(params), 1.5);
          expectClose(l2({ l2: 0.5, filter: allParams })(params), 2.5);
          expectClose(orthogonal({ filter: allParams })(params), 0);
          expectClose(l2({ l2: 0.5 })(params), 0); // default filter: nothing kept, scalar 0
        }),
      );
      params.b.dispose();
    });

    it('l2 with l2 = wd / 2 gives the gradient of PyTorch coupled weight decay, wd * w', async () => {
      const w = tf.variable(tf.tensor([[1, -2], [3, 4]]));
      await expectNoLeaks(() => {
        const { value, grads } = tf.variableGrads(() => l2({ l2: 0.05 })({ 'fc.weight': w }), [w]);
        expectClose(grads[w.name]!, [0.1, -0.2, 0.3, 0.4], { rtol: 1e-6 });
        tf.dispose([value, ...Object.values(grads)]);
      });
      w.dispose();
    });

    it('rejects bad options when the factory is called and non-float parameters by name', () => {
      expect(() => l1({ l1: -1 })).toThrow(RangeError);
      expect(() => l2({ l2: Number.NaN })).toThrow(/l2 must be/);
      expect(() => l1l2({ l2: -0.1 })).toThrow(/l2 must be/);
      expect(() => orthogonal({ factor: -1 })).toThrow(/factor/);
      expect(() => orthogonal({ mode: 'diag' as 'rows' })).toThrow(/mode/);
      const ints = { 'fc.weight': tf.tensor([[1, 2]], undefined, 'int32') };
      expect(() => l2()(ints)).toThrow(/'fc.weight' has dtype int32/);
      ints['fc.weight'].dispose();
    });
  });
});
