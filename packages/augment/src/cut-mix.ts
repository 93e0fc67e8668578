import * as tf from '@tensorflow/tfjs-core';
import { split, uniformValues, type PRNGKey } from '@nnopt/core';
import { erase } from './erase';
import { mixWithRolled, rollBatch, toSoftLabels } from './mix-labels';
import type { MixOptions } from './mix-up';
import { betaSample, randint } from './random';
import type { MixTransform } from './types';
import { check, checkImages, checkProbability, requireKey } from './validate';

/**
 * `cutMix({ alpha = 1, p = 1, numClasses })`: with `lam ~ Beta(alpha, alpha)` per batch, pastes the box of
 * `roll(x, 1)` centered at a uniform pixel with half-sides `int(0.5 sqrt(1 - lam) W)`, `int(0.5 sqrt(1 - lam) H)`
 * (clipped to the image) into every image, and mixes labels with the area-corrected
 * `lam = 1 - box area / (H W)`, as torchvision's reference `RandomCutmix` (Yun et al. 2019,
 * https://arxiv.org/abs/1905.04899). Evaluation: images copied, labels made one-hot.
 */
export function cutMix({ alpha = 1, p = 1, numClasses }: MixOptions = {}): MixTransform {
  check(Number.isFinite(alpha) && alpha > 0, 'cutMix', 'alpha', alpha, 'a finite number > 0');
  checkProbability('cutMix', 'p', p);
  return {
    name: 'cutMix',
    apply(images, labels, ctx) {
      checkImages('cutMix', images);
      const [n, h, w] = images.shape;
      const soft = toSoftLabels('cutMix', labels, n, numClasses);
      if (!ctx.training) return { images: tf.clone(images), labels: soft };
      const [kCoin, kLam, kBox] = split(requireKey('cutMix', ctx), 3) as [PRNGKey, PRNGKey, PRNGKey];
      if (uniformValues(kCoin, 1)[0]! >= p) return { images: tf.clone(images), labels: soft };
      const lam = betaSample(kLam, alpha, alpha);
      const [ux, uy] = uniformValues(kBox, 2);
      const rx = randint(ux!, 0, w);
      const ry = randint(uy!, 0, h);
      const r = 0.5 * Math.sqrt(1 - lam);
      const rw = Math.trunc(r * w);
      const rh = Math.trunc(r * h);
      const x1 = Math.max(rx - rw, 0);
      const y1 = Math.max(ry - rh, 0);
      const x2 = Math.min(rx + rw, w);
      const y2 = Math.min(ry + rh, h);
      const box = { top: y1, left: x1, height: y2 - y1, width: x2 - x1 };
      const lamAdjusted = 1 - ((x2 - x1) * (y2 - y1)) / (w * h);
      const mixed = tf.tidy(() => (box.height > 0 && box.width > 0 ? erase(images, Array.from({ length: n }, () => box), rollBatch(images)) : tf.clone(images)));
      const out = { images: mixed, labels: mixWithRolled(soft, lamAdjusted) };
      soft.dispose();
      return out;
    },
  };
}
