import * as tf from '@tensorflow/tfjs-core';
import { split, uniformValues, type PRNGKey } from '@nnopt/core';
import { checkTransforms } from './compose';
import { selectSamples } from './flip';
import type { ImageTransform } from './types';
import { check, checkImages, requireKey } from './validate';

/**
 * `randomChoice(transforms, p?)`: each sample goes through one of the transforms, picked with probabilities `p`
 * (default uniform; normalized), as torchvision `RandomChoice` but per sample. Each picked transform runs once on
 * the whole batch (unpicked ones are skipped), results are selected per sample, so all must produce the same
 * shape. Evaluation: identity.
 */
export function randomChoice(transforms: readonly ImageTransform[], p?: readonly number[]): ImageTransform {
  checkTransforms('randomChoice', transforms);
  const weights = p ?? transforms.map(() => 1);
  check(Array.isArray(weights) && weights.length === transforms.length && weights.every((w) => Number.isFinite(w) && w >= 0) && weights.some((w) => w > 0), 'randomChoice', 'p', p, `${transforms.length} non-negative weights, not all zero`);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = weights.map((_, i) => weights.slice(0, i + 1).reduce((a, b) => a + b, 0) / total);
  return {
    name: 'randomChoice',
    apply(images, ctx) {
      checkImages('randomChoice', images);
      if (!ctx.training) return tf.clone(images);
      const n = images.shape[0];
      const [kPick, kApply] = split(requireKey('randomChoice', ctx), 2) as [PRNGKey, PRNGKey];
      const picks = Array.from(uniformValues(kPick, n), (u) => Math.min(transforms.length - 1, cumulative.findIndex((c) => u < c)));
      const keys = split(kApply, transforms.length);
      return tf.tidy(() => {
        let out: tf.Tensor4D | null = null;
        transforms.forEach((t, i) => {
          const chosen = picks.map((k) => k === i);
          if (!chosen.some(Boolean)) return;
          const y = t.apply(images, { key: keys[i]!, training: true });
          if (out === null) {
            out = y;
            return;
          }
          check(y.shape.join() === out.shape.join(), 'randomChoice', `transforms[${i}]`, `output shape [${y.shape.join(', ')}]`, `the shape of the others [${out.shape.join(', ')}]`);
          out = selectSamples(chosen, y, out);
        });
        return out!;
      });
    },
  };
}
