import * as tf from '@tensorflow/tfjs-core';
import { foldIn } from '@nnopt/core';
import type { ImageTransform } from './types';
import { check } from './validate';

/** Checks a list of transforms (shared by the combinators). */
export function checkTransforms(transform: string, transforms: readonly ImageTransform[]): void {
  check(Array.isArray(transforms) && transforms.length > 0, transform, 'transforms', transforms, 'a non-empty array of transforms');
  transforms.forEach((t, i) => check(t != null && typeof t.apply === 'function', transform, `transforms[${i}]`, t, 'a transform (an object with apply)'));
}

/**
 * `compose(transforms)`: applies the transforms in order, as torchvision `Compose`; transform `i` gets the key
 * `foldIn(key, i)`, so adding a stage never changes the draws of the others. Intermediates are disposed.
 */
export function compose(transforms: readonly ImageTransform[]): ImageTransform {
  checkTransforms('compose', transforms);
  return {
    name: 'compose',
    apply(images, ctx) {
      return tf.tidy(() => {
        let x = images;
        transforms.forEach((t, i) => {
          x = t.apply(x, ctx.training && ctx.key ? { key: foldIn(ctx.key, i), training: true } : ctx);
        });
        return x === images ? tf.clone(images) : x;
      });
    },
  };
}
