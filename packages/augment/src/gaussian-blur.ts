import * as tf from '@tensorflow/tfjs-core';
import { uniformValues } from '@nnopt/core';
import type { ImageTransform } from './types';
import { check, checkImages, perSample, requireKey, toRange } from './validate';

function kernel1d(size: number, sigma: number): number[] {
  const half = (size - 1) * 0.5;
  const pdf = Array.from({ length: size }, (_, i) => Math.exp(-0.5 * ((-half + i) / sigma) ** 2));
  const sum = pdf.reduce((a, b) => a + b, 0);
  return pdf.map((v) => v / sum);
}

function toKernelSize(transform: string, kernelSize: number | readonly [number, number]): [number, number] {
  const ks = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize;
  check(Array.isArray(ks) && ks.length === 2 && ks.every((k) => Number.isInteger(k) && k > 0 && k % 2 === 1), transform, 'kernelSize', kernelSize, 'an odd positive integer or an [x, y] pair of them');
  return [ks[0]!, ks[1]!];
}

/**
 * Gaussian blur with one `sigma` per sample (or one for all), as torchvision `F.gaussian_blur(img, kernelSize,
 * [sigma, sigma])`: separable kernel `exp(-x^2 / 2 sigma^2)` on `x = -(k-1)/2 .. (k-1)/2`, normalized, reflect
 * padding. Batched as one depthwise convolution per axis with the batch folded into the channels, so every sample
 * gets its own kernel. `kernelSize` `[kx, ky]` (or one odd number).
 */
export function gaussianBlurImages(images: tf.Tensor4D, kernelSize: number | readonly [number, number], sigma: number | readonly number[]): tf.Tensor4D {
  checkImages('gaussianBlur', images);
  const [kx, ky] = toKernelSize('gaussianBlur', kernelSize);
  const [n, h, w, c] = images.shape;
  const sigmas = perSample('gaussianBlur', 'sigma', sigma, n);
  check(sigmas.every((s) => s > 0), 'gaussianBlur', 'sigma', sigma, '> 0');
  check(Math.floor(ky / 2) < h && Math.floor(kx / 2) < w, 'gaussianBlur', 'kernelSize', [kx, ky], `at most twice the image size minus one (${h}x${w}) for reflect padding`);
  return tf.tidy(() => {
    const folded = tf.reshape(tf.transpose(images, [1, 2, 0, 3]), [1, h, w, n * c]) as tf.Tensor4D;
    const filter = (k: number, shape: [number, number]) => {
      const values = new Float32Array(k * n * c);
      sigmas.forEach((s, i) => kernel1d(k, s).forEach((v, t) => { for (let ch = 0; ch < c; ch++) values[t * n * c + i * c + ch] = v; }));
      return tf.tensor4d(values, [...shape, n * c, 1]);
    };
    const padded = tf.mirrorPad(folded, [[0, 0], [ky >> 1, ky >> 1], [kx >> 1, kx >> 1], [0, 0]], 'reflect');
    const horizontal = tf.depthwiseConv2d(padded, filter(kx, [1, kx]), 1, 'valid');
    const blurred = tf.depthwiseConv2d(horizontal, filter(ky, [ky, 1]), 1, 'valid');
    return tf.transpose(tf.reshape(blurred, [h, w, n, c]), [2, 0, 1, 3]) as tf.Tensor4D;
  });
}

/**
 * `gaussianBlur({ kernelSize, sigma = [0.1, 2] })`: blurs each sample with its own `sigma ~ U(sigma)`, as
 * torchvision `GaussianBlur`. Evaluation: identity.
 */
export function gaussianBlur({ kernelSize, sigma = [0.1, 2] }: { kernelSize: number | readonly [number, number]; sigma?: number | readonly [number, number] }): ImageTransform {
  toKernelSize('gaussianBlur', kernelSize);
  const range = typeof sigma === 'number' ? ([sigma, sigma] as const) : toRange('gaussianBlur', 'sigma', sigma, { min: 0 });
  check(range[0] > 0 && Number.isFinite(range[1]), 'gaussianBlur', 'sigma', sigma, 'positive');
  return {
    name: 'gaussianBlur',
    apply(images, ctx) {
      checkImages('gaussianBlur', images);
      if (!ctx.training) return tf.clone(images);
      const u = uniformValues(requireKey('gaussianBlur', ctx), images.shape[0]);
      return gaussianBlurImages(images, kernelSize, Array.from(u, (v) => range[0] + (range[1] - range[0]) * v));
    },
  };
}
