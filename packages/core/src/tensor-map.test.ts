import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { globalNorm, mapTensors, zipTensors } from './tensor-map';
import { expectClose, expectNoLeaks, forEachBackend } from './testing';

forEachBackend(() => {
  describe('tensor maps', () => {
    it('globalNorm is sqrt of the sum of squares over all tensors', async () => {
      await expectNoLeaks(() => {
        const map = { a: tf.tensor([3, 0]), b: tf.tensor([[4]]) };
        const n = globalNorm(map);
        expectClose(n, [5]);
        const empty = globalNorm({});
        expectClose(empty, [0]);
        tf.dispose([...Object.values(map), n, empty]);
      });
    });

    it('mapTensors and zipTensors keep names; zip names a missing or misshapen partner', () => {
      const a = { x: tf.tensor([1, 2]) };
      const b = { x: tf.tensor([3, 4]) };
      const doubled = mapTensors(a, (t) => tf.mul(t, 2));
      expectClose(doubled.x!, [2, 4]);
      const sum = zipTensors(a, [b], ([p, q]) => tf.add(p!, q!));
      expectClose(sum.x!, [4, 6]);
      expect(() => zipTensors(a, [{}], ([p]) => p!)).toThrow(/no tensor named 'x'/);
      const c = { x: tf.tensor([1]) };
      expect(() => zipTensors(a, [c], ([p]) => p!)).toThrow(/'x' has shape \[1\], expected \[2\]/);
      tf.dispose([a.x, b.x, c.x, doubled.x!, sum.x!]);
    });
  });
});
