import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { masked } from './masked';
import { newtonSchulz, scaleByMuon } from './scale-by-muon';
import { expectTransformContract, updatesOnce } from './transform-contract';

/** The quintic acting on one singular value: s <- a s + b s^3 + c s^5, after normalizing by the Frobenius norm. */
function singularValues(values: number[], steps = 5): number[] {
  const norm = Math.hypot(...values);
  return values.map((v) => {
    let s = v / (norm + 1e-8);
    for (let i = 0; i < steps; i++) s = 3.4445 * s - 4.775 * s ** 3 + 2.0315 * s ** 5;
    return s;
  });
}

forEachBackend(() => {
  describe('scaleByMuon', () => {
    it('runs the quintic Newton-Schulz iteration on each singular value (diagonal case)', async () => {
      await expectNoLeaks(() => {
        // diag(3, 4) padded to 2x3: singular values 3 and 4 with identity singular vectors.
        const g = tf.tensor2d([[3, 0, 0], [0, 4, 0]]);
        const [s1, s2] = singularValues([3, 4]);
        const x = newtonSchulz(g, [3.4445, -4.775, 2.0315], 5, 1e-8);
        expectClose(x, [s1!, 0, 0, 0, s2!, 0], { rtol: 1e-5, atol: 1e-6 });
        // Taller than wide: the transposed path gives the transposed result.
        const gt = tf.transpose(g);
        const xt = newtonSchulz(gt, [3.4445, -4.775, 2.0315], 5, 1e-8);
        expectClose(xt, [s1!, 0, 0, s2!, 0, 0], { rtol: 1e-5, atol: 1e-6 });
        tf.dispose([g, gt, x, xt]);
      });
    });

    it('scales by sqrt(max(1, cols / rows)) and approximately orthogonalizes', async () => {
      await expectNoLeaks(() => {
        // First step without Nesterov: m = (1 - beta) g, and NS is scale-invariant, so u = NS(g) * sqrt(3 / 2).
        const g = tf.tensor2d([[1, 2, 0.5], [-1, 0.3, 2]]);
        const u = updatesOnce(scaleByMuon({ nesterov: false }), { g }).g!;
        const expected = tf.tidy(() => tf.mul(newtonSchulz(g, [3.4445, -4.775, 2.0315], 5, 1e-8), Math.sqrt(1.5)));
        expectClose(u, [...expected.dataSync()], { rtol: 1e-5, atol: 1e-6 });
        // U U^T / 1.5 has eigenvalues in the quintic's band around 1 (about 0.7 .. 1.2), so its diagonal does too.
        const gram = tf.tidy(() => tf.div(tf.matMul(tf.tensor2d(u, [2, 3]), tf.tensor2d(u, [2, 3]), false, true), 1.5));
        for (const d of [gram.dataSync()[0]!, gram.dataSync()[3]!]) {
          expect(d).toBeGreaterThan(0.6);
          expect(d).toBeLessThan(1.3);
        }
        tf.dispose([g, expected, gram]);
      });
    });

    it('throws naming a variable that is not a matrix', async () => {
      await expectNoLeaks(() => {
        const b = tf.zeros([3]);
        expect(() => updatesOnce(scaleByMuon(), { bias: b })).toThrow(/'bias' has rank 1/);
        b.dispose();
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone', async () => {
      await expectTransformContract(masked(scaleByMuon(), (_, p) => p.rank === 2));
    });
  });
});

describe('scaleByMuon options', () => {
  it('rejects bad options when the factory is called', () => {
    expect(() => scaleByMuon({ beta: 1 })).toThrow(/beta/);
    expect(() => scaleByMuon({ nsSteps: 0 })).toThrow(/nsSteps/);
    expect(() => scaleByMuon({ nsCoeffs: [1, 2] as never })).toThrow(/nsCoeffs/);
    expect(() => scaleByMuon({ epsilon: 0 })).toThrow(/epsilon/);
  });
});
