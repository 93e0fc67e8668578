import * as tf from '@tensorflow/tfjs-core';
import { rgbToGrayscale } from './adjust-color';
import { selectSamples } from './flip';
import { coinFlips } from './random';
import type { ImageTransform } from './types';
import { checkImages, checkProbability, requireKey } from './validate';

/**
 * `randomGrayscale({ p = 0.1 })`: each RGB sample is converted to grayscale (luma repeated on 3 channels, see
 * {@link rgbToGrayscale}) with probability `p`, as torchvision `RandomGrayscale`. Evaluation: identity.
 */
export function randomGrayscale({ p = 0.1 }: { p?: number } = {}): ImageTransform {
  checkProbability('randomGrayscale', 'p', p);
  return {
    name: 'randomGrayscale',
    apply(images, ctx) {
      checkImages('randomGrayscale', images, 3);
      if (!ctx.training) return tf.clone(images);
      const chosen = coinFlips(requireKey('randomGrayscale', ctx), p, images.shape[0]);
      if (!chosen.some(Boolean)) return tf.clone(images);
      return tf.tidy(() => selectSamples(chosen, rgbToGrayscale(images, 3), images));
    },
  };
}
