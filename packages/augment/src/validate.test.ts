import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import {
  colorJitter,
  compose,
  cutMix,
  gaussianBlur,
  mixUp,
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
  resize,
} from './index';

// Bad options fail when the factory is called, with a RangeError naming the transform and the option.
describe('bad options are rejected by the factory', () => {
  it.each([
    ['randomHorizontalFlip', 'p', () => randomHorizontalFlip({ p: 1.5 })],
    ['randomGrayscale', 'p', () => randomGrayscale({ p: -0.1 })],
    ['randomErasing', 'p', () => randomErasing({ p: Number.NaN })],
    ['randomApply', 'p', () => randomApply(randomHorizontalFlip(), 2)],
    ['normalize', 'std', () => normalize([0.5, 0.5, 0.5], [0.2, 0.2])],
    ['normalize', 'std', () => normalize([0.5], [0])],
    ['randomCrop', 'size', () => randomCrop({ size: 0 })],
    ['randomCrop', 'padding', () => randomCrop({ size: 4, padding: -1 })],
    ['randomCrop', 'padMode', () => randomCrop({ size: 4, padMode: 'wrap' as never })],
    ['randomResizedCrop', 'scale', () => randomResizedCrop({ size: 4, scale: [0.5, 0.1] })],
    ['randomResizedCrop', 'ratio', () => randomResizedCrop({ size: 4, ratio: [0, 1] })],
    ['randomRotation', 'degrees', () => randomRotation({ degrees: -5 })],
    ['randomAffine', 'translate', () => randomAffine({ degrees: 0, translate: [1.5, 0] })],
    ['colorJitter', 'hue', () => colorJitter({ hue: 0.7 })],
    ['colorJitter', 'brightness', () => colorJitter({ brightness: -1 })],
    ['gaussianBlur', 'kernelSize', () => gaussianBlur({ kernelSize: 4 })],
    ['mixUp', 'alpha', () => mixUp({ alpha: 0 })],
    ['cutMix', 'p', () => cutMix({ p: 3 })],
    ['randAugment', 'm', () => randAugment({ m: 31 })],
    ['resize', 'size', () => resize(2.5)],
    ['compose', 'transforms', () => compose([])],
    ['randomChoice', 'p', () => randomChoice([randomHorizontalFlip()], [-1])],
  ])('%s: %s', (transform, option, make) => {
    expect(make).toThrow(RangeError);
    expect(make).toThrow(new RegExp(`^${transform}: ${option}`));
  });
});

forEachBackend(() => {
  describe('bad images are rejected before any work', () => {
    const key = prngKey(0);
    it.each([
      ['rank', () => tf.zeros([8, 8, 3]), /randomHorizontalFlip: images must be a rank-4 NHWC batch, got rank 3/],
      ['dtype', () => tf.zeros([1, 8, 8, 3], 'int32'), /randomHorizontalFlip: images must be float32, got int32/],
    ])('%s', async (_what, make, message) => {
      const x = make() as tf.Tensor4D;
      await expectNoLeaks(() => expect(() => randomHorizontalFlip().apply(x, { key, training: true })).toThrow(message));
      x.dispose();
    });

    it('channel count: normalize mean/std of the wrong length, grayscale of 1 channel', async () => {
      const x = tf.zeros([2, 4, 4, 1]) as tf.Tensor4D;
      await expectNoLeaks(() => {
        expect(() => normalize([0.5, 0.5, 0.5], [0.2, 0.2, 0.2]).apply(x, { training: false })).toThrow(/normalize: images must have 3 channel\(s\), got 1/);
        expect(() => randomGrayscale().apply(x, { key, training: true })).toThrow(/randomGrayscale: images must have 3 channel/);
      });
      x.dispose();
    });

    it('a crop larger than the padded image names size', async () => {
      const x = tf.zeros([2, 4, 4, 3]) as tf.Tensor4D;
      await expectNoLeaks(() => expect(() => randomCrop({ size: 7, padding: 1 }).apply(x, { key, training: true })).toThrow(/randomCrop: size must be at most the padded image size \[6, 6\]/));
      x.dispose();
    });

    it('a training call without a key is an error naming ctx.key', async () => {
      const x = tf.zeros([2, 4, 4, 3]) as tf.Tensor4D;
      await expectNoLeaks(() => expect(() => randomHorizontalFlip().apply(x, { training: true })).toThrow(/randomHorizontalFlip: ctx.key/));
      x.dispose();
    });

    it('mixUp: sparse labels need numClasses, labels must match the batch', async () => {
      const x = tf.zeros([2, 4, 4, 3]) as tf.Tensor4D;
      const sparse = tf.tensor1d([0, 1], 'int32');
      const wrong = tf.zeros([3, 2]);
      await expectNoLeaks(() => {
        expect(() => mixUp().apply(x, sparse, { key, training: true })).toThrow(/mixUp: numClasses must be given/);
        expect(() => mixUp().apply(x, wrong, { key, training: true })).toThrow(/mixUp: labels must be/);
      });
      tf.dispose([x, sparse, wrong]);
    });
  });
});
