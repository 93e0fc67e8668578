import * as tf from '@tensorflow/tfjs-core';
import { assertOption } from '@nnopt/core';
import { defineModule, type Module } from '../module';
import { pair, type Size2 } from './conv2d';

/** Options of {@link maxPool2d} and {@link avgPool2d}. */
export interface Pool2dOptions {
  kernelSize: Size2;
  /** Default `kernelSize` (as PyTorch). */
  stride?: Size2;
  /** Implicit padding on both sides, at most half the kernel (as PyTorch). Default 0. */
  padding?: Size2;
}

function poolGeometry(options: Pool2dOptions) {
  const kernel = pair('kernelSize', options.kernelSize, 1);
  const stride = pair('stride', options.stride ?? options.kernelSize, 1);
  const padding = pair('padding', options.padding ?? 0, 0);
  assertOption(padding[0] * 2 <= kernel[0] && padding[1] * 2 <= kernel[1], 'padding', options.padding, 'at most half of kernelSize');
  return { kernel, stride, padding };
}

function check4d(type: string, x: tf.Tensor): tf.Tensor4D {
  if (x.rank !== 4) throw new Error(`${type}: input must be NHWC [N, H, W, C], got [${x.shape.join(', ')}]`);
  return x as tf.Tensor4D;
}

/**
 * `torch.nn.MaxPool2d` on NHWC: the maximum over each `kernelSize` window moved by `stride`; padded positions never
 * win (PyTorch pads with -inf). Output size `floor((H + 2p - k) / s) + 1` (`ceil_mode=False`).
 */
export function maxPool2d(options: Pool2dOptions): Module {
  const { kernel, stride, padding } = poolGeometry(options);
  const pad = padding[0] === padding[1] ? padding[0] : ([[0, 0], [padding[0], padding[0]], [padding[1], padding[1]], [0, 0]] as const);
  return defineModule({
    type: 'MaxPool2d',
    forward: (x) => tf.tidy(() => tf.maxPool(check4d('MaxPool2d', x), kernel, stride, pad as number)),
  });
}

/**
 * `torch.nn.AvgPool2d` on NHWC: the mean over each window. With `countIncludePad` (default true, as PyTorch) padded
 * zeros count in the divisor; with false only real elements do.
 */
export function avgPool2d(options: Pool2dOptions & { countIncludePad?: boolean }): Module {
  const { kernel, stride, padding } = poolGeometry(options);
  const countIncludePad = options.countIncludePad ?? true;
  const hasPad = padding[0] > 0 || padding[1] > 0;
  return defineModule({
    type: 'AvgPool2d',
    forward: (x) =>
      tf.tidy(() => {
        const x4 = check4d('AvgPool2d', x);
        if (hasPad && countIncludePad) {
          const padded = tf.pad(x4, [[0, 0], [padding[0], padding[0]], [padding[1], padding[1]], [0, 0]]);
          return tf.avgPool(padded, kernel, stride, 'valid');
        }
        const pad = padding[0] === padding[1] ? padding[0] : [[0, 0], [padding[0], padding[0]], [padding[1], padding[1]], [0, 0]];
        return tf.avgPool(x4, kernel, stride, pad as number);
      }),
  });
}

/**
 * `torch.nn.AdaptiveAvgPool2d(outputSize)` on NHWC: output cell `(i, j)` averages rows
 * `floor(i H / oh) .. ceil((i + 1) H / oh) - 1` and the same for columns, as PyTorch. `outputSize: 1` is global
 * average pooling, giving `[N, 1, 1, C]`.
 */
export function adaptiveAvgPool2d({ outputSize }: { outputSize: Size2 }): Module {
  const [oh, ow] = pair('outputSize', outputSize, 1);
  const bins = (n: number, o: number) =>
    Array.from({ length: o }, (_, i) => [Math.floor((i * n) / o), Math.ceil(((i + 1) * n) / o)] as const);
  return defineModule({
    type: 'AdaptiveAvgPool2d',
    forward: (x) =>
      tf.tidy(() => {
        const x4 = check4d('AdaptiveAvgPool2d', x);
        const [, h, w] = x4.shape;
        if (oh === 1 && ow === 1) return tf.mean(x4, [1, 2], true);
        if (h % oh === 0 && w % ow === 0) return tf.avgPool(x4, [h / oh, w / ow], [h / oh, w / ow], 'valid');
        const rows = bins(h, oh).map(([r0, r1]) =>
          tf.concat(bins(w, ow).map(([c0, c1]) => tf.mean(tf.slice(x4, [0, r0, c0, 0], [-1, r1 - r0, c1 - c0, -1]), [1, 2], true)), 2),
        );
        return tf.concat(rows, 1);
      }),
  });
}

/** Global average pooling to `[N, C]`: `adaptiveAvgPool2d({ outputSize: 1 })` followed by `flatten()`. */
export function globalAvgPool2d(): Module {
  return defineModule({
    type: 'GlobalAvgPool2d',
    forward: (x) => tf.tidy(() => tf.mean(check4d('GlobalAvgPool2d', x), [1, 2])),
  });
}
