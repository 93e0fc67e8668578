import * as tf from '@tensorflow/tfjs-core';
import { selectSamples } from './flip';
import { coinFlips } from './random';
import type { ImageTransform } from './types';
import { checkImages, checkProbability, requireKey } from './validate';

function randomFlip(name: string, axis: 1 | 2, p: number): ImageTransform {
  checkProbability(name, 'p', p);
  return {
    name,
    apply(images, ctx) {
      checkImages(name, images);
      if (!ctx.training) return tf.clone(images);
      const chosen = coinFlips(requireKey(name, ctx), p, images.shape[0]);
      if (!chosen.some(Boolean)) return tf.clone(images);
      return tf.tidy(() => selectSamples(chosen, tf.reverse(images, axis), images));
    },
  };
}

/**
 * `randomHorizontalFlip({ p = 0.5 })`: each sample is mirrored left-right with probability `p` (its own Bernoulli
 * draw from the key), as torchvision `RandomHorizontalFlip`. Evaluation: identity.
 */
export function randomHorizontalFlip({ p = 0.5 }: { p?: number } = {}): ImageTransform {
  return randomFlip('randomHorizontalFlip', 2, p);
}

/** `randomVerticalFlip({ p = 0.5 })`: each sample is mirrored top-bottom with probability `p`. Evaluation: identity. */
export function randomVerticalFlip({ p = 0.5 }: { p?: number } = {}): ImageTransform {
  return randomFlip('randomVerticalFlip', 1, p);
}
