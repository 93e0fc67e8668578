import * as tf from '@tensorflow/tfjs-core';
import { split, type PRNGKey } from '@nnopt/core';
import { compose, checkTransforms } from './compose';
import { selectSamples } from './flip';
import { coinFlips } from './random';
import type { ImageTransform } from './types';
import { check, checkImages, checkProbability, requireKey } from './validate';

/**
 * `randomApply(transforms, p = 0.5)`: applies `compose(transforms)` to each sample with probability `p`, as
 * torchvision `RandomApply` but per sample (the transform runs on the whole batch, then each sample keeps the
 * result or its input by its own coin). The transforms must keep the image shape. Evaluation: identity.
 */
export function randomApply(transforms: ImageTransform | readonly ImageTransform[], p = 0.5): ImageTransform {
  const list = Array.isArray(transforms) ? (transforms as readonly ImageTransform[]) : [transforms as ImageTransform];
  checkTransforms('randomApply', list);
  checkProbability('randomApply', 'p', p);
  const inner = list.length === 1 ? list[0]! : compose(list);
  return {
    name: 'randomApply',
    apply(images, ctx) {
      checkImages('randomApply', images);
      if (!ctx.training) return tf.clone(images);
      const [kCoin, kInner] = split(requireKey('randomApply', ctx), 2) as [PRNGKey, PRNGKey];
      const chosen = coinFlips(kCoin, p, images.shape[0]);
      if (!chosen.some(Boolean)) return tf.clone(images);
      return tf.tidy(() => {
        const out = inner.apply(images, { key: kInner, training: true });
        check(out.shape.join() === images.shape.join(), 'randomApply', 'transforms', `output shape [${out.shape.join(', ')}]`, 'shape-preserving transforms');
        return selectSamples(chosen, out, images);
      });
    },
  };
}
