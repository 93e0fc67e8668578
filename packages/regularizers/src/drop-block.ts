import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertNonNegative, bernoulli } from '@nnopt/core';
import { checkDropout, type DropoutOptions } from './dropout-options';

/** Options of {@link dropBlock}. */
export interface DropBlockOptions extends DropoutOptions {
  /** Side of the square blocks (default 7, as timm; capped at the feature map's height and width). */
  readonly blockSize?: number;
  /** Added to the kept count in the rescaling (default 1e-6, as torchvision). */
  readonly eps?: number;
}

/**
 * Expands block seeds `[N, H-b+1, W-b+1, C]` to the block mask over `[N, H, W, C]` and rescales, as torchvision:
 * `keep = 1 - maxPool_b(seeds)`, `y = x * keep * numel(keep) / (eps + sum(keep))`.
 */
export function applyDropBlockSeeds(x: tf.Tensor4D, seeds: tf.Tensor4D, blockSize: number, eps = 1e-6): tf.Tensor4D {
  return tf.tidy(() => {
    const pad = blockSize - 1;
    // A seed at (i, j) covers rows i..i+b-1 and columns j..j+b-1: pad b-1 zeros on both sides, then a valid max-pool.
    const padded = tf.pad(seeds, [[0, 0], [pad, pad], [pad, pad], [0, 0]]);
    const keep = tf.sub(1, tf.maxPool(padded, [blockSize, blockSize], 1, 'valid'));
    const scale = tf.div(keep.size, tf.add(eps, tf.sum(keep)));
    return tf.mul(x, tf.mul(keep, scale));
  });
}

/**
 * DropBlock for NHWC feature maps, `torchvision.ops.drop_block2d`: drops contiguous `blockSize x blockSize` squares
 * of each channel. Block centers are drawn with `gamma = rate * H * W / (b^2 (H - b + 1)(W - b + 1))` over the
 * valid region, so roughly a fraction `rate` of units is dropped; the output is rescaled by
 * `numel / (eps + kept)` (normalized over the whole tensor, as torchvision).
 *
 * Options: `rate` (torchvision `p`, default 0.1), `blockSize` (default 7), `eps` (1e-6), `key`, `training`.
 * `x` must be rank 4 NHWC. Evaluation or `rate = 0` returns `x`.
 *
 * Ghiasi, Lin & Le 2018, https://arxiv.org/abs/1810.12890
 */
export function dropBlock(
  x: tf.Tensor4D,
  { rate = 0.1, key, training, blockSize = 7, eps = 1e-6 }: DropBlockOptions,
): tf.Tensor4D {
  assertInteger('blockSize', blockSize, 1);
  assertNonNegative('eps', eps);
  if (!checkDropout('dropBlock', x, { rate, key, training }, { exactRank: 4 })) return x;
  const [n, h, w, c] = x.shape;
  const b = Math.min(blockSize, h, w);
  const gamma = Math.min(1, (rate * h * w) / (b * b * (h - b + 1) * (w - b + 1)));
  return tf.tidy(() => {
    const seeds = bernoulli(key!, gamma, [n, h - b + 1, w - b + 1, c]) as tf.Tensor4D;
    return applyDropBlockSeeds(x, seeds, b, eps);
  });
}
