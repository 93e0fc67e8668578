import * as tf from '@tensorflow/tfjs-core';
import { normal, split, uniformValues, type PRNGKey } from '@nnopt/core';
import type { CropBox } from './crop';
import { erase } from './erase';
import { randint, roundHalfEven } from './random';
import type { ImageTransform } from './types';
import { check, checkImages, checkProbability, requireKey, toRange } from './validate';

/** Options of {@link randomErasing}. */
export interface RandomErasingOptions {
  /** Probability that a sample is erased (default 0.5). */
  readonly p?: number;
  /** Range of the erased area as a fraction of the image (default `[0.02, 0.33]`). */
  readonly scale?: readonly [number, number];
  /** Range of the box's aspect ratio, sampled log-uniformly (default `[0.3, 3.3]`). */
  readonly ratio?: readonly [number, number];
  /** Fill: a number (default 0), one per channel, or `'random'` (standard normal noise). */
  readonly value?: number | readonly number[] | 'random';
}

/** torchvision `RandomErasing.get_params` for one image: 10 tries, `h = round(sqrt(area * r))`, `w = round(sqrt(area / r))`, must be strictly smaller than the image; `null` when all fail. */
export function randomErasingBox(key: PRNGKey, height: number, width: number, scale: readonly [number, number], ratio: readonly [number, number]): CropBox | null {
  const u = uniformValues(key, 40);
  const logRatio = [Math.log(ratio[0]), Math.log(ratio[1])] as const;
  for (let t = 0; t < 10; t++) {
    const area = height * width * (scale[0] + (scale[1] - scale[0]) * u[4 * t]!);
    const aspect = Math.exp(logRatio[0] + (logRatio[1] - logRatio[0]) * u[4 * t + 1]!);
    const h = roundHalfEven(Math.sqrt(area * aspect));
    const w = roundHalfEven(Math.sqrt(area / aspect));
    if (!(h < height && w < width) || h <= 0 || w <= 0) continue;
    return { top: randint(u[4 * t + 2]!, 0, height - h + 1), left: randint(u[4 * t + 3]!, 0, width - w + 1), height: h, width: w };
  }
  return null;
}

/**
 * `randomErasing({ p = 0.5, scale = [0.02, 0.33], ratio = [0.3, 3.3], value = 0 })`: with probability `p` per
 * sample, overwrites a random box ({@link randomErasingBox}) with `value`, as torchvision `RandomErasing` (Zhong et
 * al. 2017, https://arxiv.org/abs/1708.04896). Evaluation: identity.
 */
export function randomErasing({ p = 0.5, scale = [0.02, 0.33], ratio = [0.3, 3.3], value = 0 }: RandomErasingOptions = {}): ImageTransform {
  checkProbability('randomErasing', 'p', p);
  const s = toRange('randomErasing', 'scale', scale, { min: 0, max: 1 });
  const r = toRange('randomErasing', 'ratio', ratio, { min: 0 });
  check(r[0] > 0, 'randomErasing', 'ratio', ratio, 'positive');
  check(value === 'random' || typeof value === 'number' ? value === 'random' || Number.isFinite(value) : Array.isArray(value) && value.every(Number.isFinite), 'randomErasing', 'value', value, "a number, one per channel, or 'random'");
  return {
    name: 'randomErasing',
    apply(images, ctx) {
      checkImages('randomErasing', images, Array.isArray(value) ? value.length : undefined);
      if (!ctx.training) return tf.clone(images);
      const [n, h, w] = images.shape;
      const [kCoin, kBox, kNoise] = split(requireKey('randomErasing', ctx), 3) as [PRNGKey, PRNGKey, PRNGKey];
      const coins = uniformValues(kCoin, n);
      const boxKeys = split(kBox, n);
      const boxes = boxKeys.map((k, i) => (coins[i]! < p ? randomErasingBox(k, h, w, s, r) : null));
      if (value !== 'random') return erase(images, boxes, value);
      return tf.tidy(() => erase(images, boxes, normal(kNoise, images.shape) as tf.Tensor4D));
    },
  };
}
