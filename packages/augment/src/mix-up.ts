import * as tf from '@tensorflow/tfjs-core';
import { split, uniformValues, type PRNGKey } from '@nnopt/core';
import { mixWithRolled, toSoftLabels } from './mix-labels';
import { betaSample } from './random';
import type { MixTransform } from './types';
import { check, checkImages, checkProbability, requireKey } from './validate';

/** Options of {@link mixUp} and `cutMix`. */
export interface MixOptions {
  /** Beta(alpha, alpha) concentration of the mixing weight (default 1: uniform). */
  readonly alpha?: number;
  /** Probability that a batch is mixed at all (default 1). */
  readonly p?: number;
  /** Number of classes, required when labels are sparse int32 indices. */
  readonly numClasses?: number;
}

/**
 * `mixUp({ alpha = 1, p = 1, numClasses })`: with `lam ~ Beta(alpha, alpha)` drawn once per batch, returns
 * `lam x + (1 - lam) roll(x, 1)` and the same mix of the (one-hot) labels, as torchvision's reference `RandomMixup`
 * (Zhang et al. 2018, https://arxiv.org/abs/1710.09412). Evaluation: images copied, labels made one-hot.
 */
export function mixUp({ alpha = 1, p = 1, numClasses }: MixOptions = {}): MixTransform {
  check(Number.isFinite(alpha) && alpha > 0, 'mixUp', 'alpha', alpha, 'a finite number > 0');
  checkProbability('mixUp', 'p', p);
  return {
    name: 'mixUp',
    apply(images, labels, ctx) {
      checkImages('mixUp', images);
      const soft = toSoftLabels('mixUp', labels, images.shape[0], numClasses);
      const [kCoin, kLam] = split(requireKeyIfTraining(ctx), 2) as [PRNGKey, PRNGKey];
      if (!ctx.training || uniformValues(kCoin, 1)[0]! >= p) return { images: tf.clone(images), labels: soft };
      const lam = betaSample(kLam, alpha, alpha);
      const out = { images: mixWithRolled(images, lam), labels: mixWithRolled(soft, lam) };
      soft.dispose();
      return out;
    },
  };
}

function requireKeyIfTraining(ctx: { key?: PRNGKey; training: boolean }): PRNGKey {
  return ctx.training ? requireKey('mixUp', ctx) : [0, 0];
}
