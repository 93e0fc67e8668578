import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { addNoise } from './add-noise';
import { expectTransformContract, updatesOnce } from './transform-contract';

const n = 4096;
const moments = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
};

forEachBackend(() => {
  describe('addNoise', () => {
    it('adds zero-mean noise with variance eta / (1 + t)^gamma', async () => {
      await expectNoLeaks(() => {
        const g = tf.zeros([n]);
        const tx = addNoise({ seed: 7 });
        for (const t of [0, 3]) {
          // t = 0: std = sqrt(0.01) = 0.1; t = 3: sqrt(0.01 / 4^0.55) = 0.068302.
          const { mean, std } = moments(updatesOnce(tx, { g }, { g }, { count: t }).g!);
          const expected = Math.sqrt(0.01 / (1 + t) ** 0.55);
          expect(Math.abs(mean)).toBeLessThan((4 * expected) / Math.sqrt(n));
          expect(std / expected).toBeGreaterThan(0.95);
          expect(std / expected).toBeLessThan(1.05);
        }
        g.dispose();
      });
    });

    it('is reproducible from the seed, differs between seeds and does not depend on the other variables', async () => {
      await expectNoLeaks(() => {
        const a = tf.ones([8]);
        const b = tf.ones([8]);
        const alone = updatesOnce(addNoise({ seed: 1, eta: 1 }), { a }).a!;
        const withB = updatesOnce(addNoise({ seed: prngKey(1), eta: 1 }), { b, a });
        expect(withB.a).toEqual(alone);
        expect(withB.b).not.toEqual(alone);
        expect(updatesOnce(addNoise({ seed: 2, eta: 1 }), { a }).a).not.toEqual(alone);
        // eta = 0: no noise at all.
        expectClose(updatesOnce(addNoise({ seed: 1, eta: 0 }), { a }).a!, Array(8).fill(1), {}, 'eta 0');
        tf.dispose([a, b]);
      });
    });

    it('keeps memory flat', async () => {
      await expectTransformContract(addNoise({ seed: 3 }));
    });
  });
});

describe('addNoise options', () => {
  it('rejects bad options when the factory is called', () => {
    expect(() => addNoise({ seed: 0, eta: -1 })).toThrow(/eta/);
    expect(() => addNoise({ seed: 0, gamma: Number.NaN })).toThrow(/gamma/);
    expect(() => addNoise({ seed: -1 })).toThrow(/seed/);
  });
});
