import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { prngKey, useBackend } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import {
  centerCrop,
  colorJitter,
  compose,
  gaussianBlur,
  gaussianNoise,
  normalize,
  randAugment,
  randomAffine,
  randomApply,
  randomChoice,
  randomCrop,
  randomErasing,
  randomGrayscale,
  randomHorizontalFlip,
  randomResizedCrop,
  randomRotation,
  randomTranslation,
  randomVerticalFlip,
  rescale,
  resize,
  trivialAugmentWide,
  type ImageTransform,
} from './index';

// The conformance table every random transform runs through: seeded determinism, seed sensitivity, evaluation
// mode, shape, flat memory, and identical draws on cpu and wasm.
const table: [string, () => ImageTransform, { evalIdentity: boolean; shape?: number[] }][] = [
  ['randomHorizontalFlip', () => randomHorizontalFlip(), { evalIdentity: true }],
  ['randomVerticalFlip', () => randomVerticalFlip(), { evalIdentity: true }],
  ['randomCrop', () => randomCrop({ size: 8, padding: 2, padMode: 'reflect' }), { evalIdentity: true }],
  ['randomResizedCrop', () => randomResizedCrop({ size: [6, 7] }), { evalIdentity: false, shape: [6, 6, 7, 3] }],
  ['randomRotation', () => randomRotation({ degrees: 30, interpolation: 'bilinear' }), { evalIdentity: true }],
  ['randomAffine', () => randomAffine({ degrees: 10, translate: [0.2, 0.2], scale: [0.8, 1.2], shear: 10 }), { evalIdentity: true }],
  ['randomTranslation', () => randomTranslation({ heightFactor: 0.2, widthFactor: 0.2 }), { evalIdentity: true }],
  ['colorJitter', () => colorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 }), { evalIdentity: true }],
  ['randomGrayscale', () => randomGrayscale({ p: 0.5 }), { evalIdentity: true }],
  ['gaussianNoise', () => gaussianNoise({ std: 0.1 }), { evalIdentity: true }],
  ['gaussianBlur', () => gaussianBlur({ kernelSize: 3 }), { evalIdentity: true }],
  ['randomErasing', () => randomErasing({ p: 1 }), { evalIdentity: true }],
  ['randAugment', () => randAugment({ n: 2, m: 9 }), { evalIdentity: true }],
  ['trivialAugmentWide', () => trivialAugmentWide(), { evalIdentity: true }],
  ['randomApply', () => randomApply([randomRotation({ degrees: 20 })], 0.5), { evalIdentity: true }],
  ['randomChoice', () => randomChoice([randomHorizontalFlip({ p: 1 }), gaussianNoise(), randomErasing({ p: 1 })]), { evalIdentity: true }],
  ['compose', () => compose([randomCrop({ size: 8, padding: 1 }), randomHorizontalFlip(), normalize([0.5, 0.5, 0.5], [0.25, 0.25, 0.25])]), { evalIdentity: false }],
];

function batch(): tf.Tensor4D {
  // 6 distinct 8x8 RGB images in [0, 1] with structure (so flips and shifts change them).
  return tf.tidy(() => tf.sigmoid(tf.sin(tf.mul(tf.reshape(tf.range(0, 6 * 8 * 8 * 3), [6, 8, 8, 3]), 0.37))) as tf.Tensor4D);
}

forEachBackend(() => {
  describe.each(table)('%s', (_name, make, { evalIdentity, shape }) => {
    it('is deterministic per seed, differs across seeds, keeps memory flat', async () => {
      const t = make();
      const x = batch();
      await expectNoLeaks(() => {
        const a = t.apply(x, { key: prngKey(1), training: true });
        const b = t.apply(x, { key: prngKey(1), training: true });
        const c = t.apply(x, { key: prngKey(2), training: true });
        expect(a.shape).toEqual(shape ?? x.shape);
        expectClose(b, a, { rtol: 0, atol: 0 }, 'same seed');
        expect(tf.tidy(() => tf.max(tf.abs(tf.sub(a, c))).dataSync()[0]!)).toBeGreaterThan(1e-3);
        tf.dispose([a, b, c]);
      });
      await expectFlatMemory(() => t.apply(x, { key: prngKey(3), training: true }).dispose(), { warmup: 1, steps: 2 });
      x.dispose();
    });

    it('evaluation mode is the identity or the deterministic part', async () => {
      const t = make();
      const x = batch();
      await expectNoLeaks(() => {
        const y = t.apply(x, { training: false });
        expect(y.shape).toEqual(shape ?? x.shape);
        if (evalIdentity) expectClose(y, x, { rtol: 0, atol: 0 }, 'eval');
        else expect(y).not.toBe(x);
        y.dispose();
      });
      x.dispose();
    });

    it('never disposes its input', () => {
      const x = batch();
      make().apply(x, { key: prngKey(4), training: true }).dispose();
      expect(x.isDisposed).toBe(false);
      x.dispose();
    });
  });

  describe('deterministic transforms apply in evaluation too', () => {
    it('normalize, rescale, resize, centerCrop', async () => {
      const x = batch();
      await expectNoLeaks(() => {
        for (const t of [normalize([0.5, 0.4, 0.3], [0.2, 0.2, 0.2]), rescale(2, -1), resize([4, 5]), centerCrop(5)]) {
          const a = t.apply(x, { training: false });
          const b = t.apply(x, { key: prngKey(9), training: true });
          expectClose(a, b, { rtol: 0, atol: 0 }, t.name);
          tf.dispose([a, b]);
        }
      });
      const r = rescale(2, -1).apply(x, { training: false });
      expectClose(r, Array.from(x.dataSync(), (v) => 2 * v - 1), { rtol: 0, atol: 1e-6 }, 'rescale');
      r.dispose();
      x.dispose();
    });
  });
});

describe('the same seed gives the same output on cpu and wasm', () => {
  it.each(table)('%s', async (_name, make) => {
    const outputs: Float32Array[] = [];
    for (const backend of ['cpu', 'wasm'] as const) {
      tf.env().set('IS_TEST', true);
      await useBackend(backend, { log: () => {} });
      const x = batch();
      const y = make().apply(x, { key: prngKey(7), training: true });
      outputs.push(y.dataSync() as Float32Array);
      tf.dispose([x, y]);
    }
    // Parameters are drawn on the host, so the backends only differ by float rounding of the same ops.
    expectClose(outputs[1]!, outputs[0]!, { rtol: 0, atol: 1e-5 }, 'wasm vs cpu');
  });
});
