import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import fixtures from './__fixtures__/torchvision.json';
import {
  adjustBrightness,
  adjustContrast,
  adjustHue,
  adjustSaturation,
  adjustSharpness,
  affine,
  autocontrast,
  centerCropBox,
  crop,
  erase,
  gaussianBlurImages,
  hflip,
  normalizeImages,
  posterize,
  resizedCrop,
  resizeImages,
  rgbToGrayscale,
  rotate,
  solarize,
  vflip,
  type AffineParams,
  type PadMode,
} from './index';

// Every deterministic op against torchvision 0.14 at the parameters recorded by tools/fixtures/augment.py.
type P = Record<string, any>;
const ops: Record<string, (x: tf.Tensor4D, p: P[]) => tf.Tensor4D> = {
  normalize: (x, p) => normalizeImages(x, p[0]!.mean, p[0]!.std),
  hflip: (x) => hflip(x),
  vflip: (x) => vflip(x),
  crop: (x, p) => crop(x, p as any),
  cropOutside: (x, p) => crop(x, p as any),
  ...Object.fromEntries(
    (['edge', 'reflect', 'symmetric', 'constant'] as PadMode[]).map((mode) => [
      `padCrop_${mode}`,
      (x: tf.Tensor4D, p: P[]) => crop(x, p.map((b) => ({ top: b.top - b.padding, left: b.left - b.padding, height: b.height, width: b.width })), { padMode: mode, fill: p[0]!.fill ?? 0 }),
    ]),
  ),
  ...Object.fromEntries(
    ['4x5', '5x6', '9x12'].map((s) => [`centerCrop_${s}`, (x: tf.Tensor4D, p: P[]) => crop(x, centerCropBox(x.shape[1], x.shape[2], p[0]!.size))]),
  ),
  'resize_5x4': (x, p) => resizeImages(x, p[0]!.size),
  'resize_11x13': (x, p) => resizeImages(x, p[0]!.size),
  resize_4: (x, p) => resizeImages(x, p[0]!.size),
  resizedCrop: (x, p) => resizedCrop(x, p as any, p[0]!.size),
  affine_bilinear: (x, p) => affine(x, p as AffineParams[], { interpolation: 'bilinear' }),
  affine_nearest: (x, p) => affine(x, p as AffineParams[], { interpolation: 'nearest' }),
  affine_bilinear_fill: (x, p) => affine(x, p as AffineParams[], { interpolation: 'bilinear', fill: p[0]!.fill }),
  affine_bilinear_nofill: (x, p) => affine(x, p as AffineParams[], { interpolation: 'bilinear', fill: null }),
  affine_center: (x, p) => affine(x, p as AffineParams[], { interpolation: 'bilinear' }),
  rotate: (x, p) => rotate(x, p.map((q) => q.angle), { interpolation: 'bilinear' }),
  erase: (x, p) => erase(x, p as any, p[0]!.value),
  brightness: (x, p) => adjustBrightness(x, p.map((q) => q.factor)),
  contrast: (x, p) => adjustContrast(x, p.map((q) => q.factor)),
  saturation: (x, p) => adjustSaturation(x, p.map((q) => q.factor)),
  hue: (x, p) => adjustHue(x, p.map((q) => q.factor)),
  sharpness: (x, p) => adjustSharpness(x, p.map((q) => q.factor)),
  grayscale: (x) => rgbToGrayscale(x, 3),
  gaussianBlur: (x, p) => gaussianBlurImages(x, p[0]!.kernelSize, p.map((q) => q.sigma)),
  autocontrast: (x) => autocontrast(x),
  solarize: (x, p) => solarize(x, p.map((q) => q.threshold)),
  posterize: (x, p) => posterize(x, p.map((q) => q.bits)),
};

describe('torchvision conformance table', () => {
  it('covers every fixture case', () => {
    expect(Object.keys(fixtures.cases).sort()).toEqual(Object.keys(ops).sort());
  });
});

forEachBackend(() => {
  describe('matches torchvision 0.14 within 1e-4', () => {
    for (const [name, fixture] of Object.entries(fixtures.cases)) {
      it(name, async () => {
        const input = tf.tensor4d(fixtures.input.data, fixtures.input.shape as [number, number, number, number]);
        await expectNoLeaks(() => {
          const out = ops[name]!(input, fixture.params as P[]);
          expectClose(out.dataSync(), fixture.expected.data, { rtol: 0, atol: 1e-4 }, name);
          expect(out.shape).toEqual(fixture.expected.shape);
          out.dispose();
        });
        input.dispose();
      });
    }
  });
});
