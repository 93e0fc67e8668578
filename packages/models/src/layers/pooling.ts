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
  return defineModule({
    type: 'MaxPool2d',
    forward: (x) =>
      tf.tidy(() => {
        // tfjs' MaxPoolGrad (cpu and wasm) misroutes gradients when the windows do not tile the input exactly, so
        // pad with -inf explicitly and crop to the rows/columns the windows cover: then `valid` pooling tiles it.
        let h = check4d('MaxPool2d', x);
        if (padding[0] > 0 || padding[1] > 0) {
          h = tf.pad(h, [[0, 0], [padding[0], padding[0]], [padding[1], padding[1]], [0, 0]], -Infinity);
        }
        const covered = [1, 2].map((axis, i) => (Math.floor((h.shape[axis]! - kernel[i]!) / stride[i]!) * stride[i]!) + kernel[i]!);
        if (covered[0] !== h.shape[1] || covered[1] !== h.shape[2]) h = tf.slice(h, [0, 0, 0, 0], [-1, covered[0]!, covered[1]!, -1]);
        if (kernel[0] === stride[0] && kernel[1] === stride[1]) return tilingMaxPool(h, kernel as [number, number]);
        return tf.maxPool(h, kernel, stride, 'valid');
      }),
  });
}

/**
 * Max pooling with windows that tile the input exactly (kernel = stride, no padding). The gradient is computed here
 * rather than by the backend's MaxPoolGrad, which tfjs-backend-wasm 4.22 gets wrong for some shapes (e.g. 6x6 and
 * 10x10 inputs): `dx = [x = up(y)] * up(dy)`, with `up` the nearest-neighbour upsampling by the window size. All
 * elements equal to their window's maximum receive its gradient (PyTorch picks one of the tied elements).
 */
function tilingMaxPool(x: tf.Tensor4D, kernel: [number, number]): tf.Tensor4D {
  const [, height, width] = x.shape;
  const up = (t: tf.Tensor4D) => tf.image.resizeNearestNeighbor(t, [height, width]);
  // tfjs types the custom-gradient function's arguments as a union; the first is the input, the last `save`.
  const pool = tf.customGrad(((input: tf.Tensor4D, save: tf.GradSaveFunc) => {
    const value = tf.maxPool(input, kernel, kernel, 'valid');
    save([input, value]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [inputSaved, valueSaved] = saved as [tf.Tensor4D, tf.Tensor4D];
        return tf.mul(tf.cast(tf.equal(inputSaved, up(valueSaved)), 'float32'), up(dy as tf.Tensor4D));
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad<tf.Tensor4D>>[0]);
  return pool(x) as tf.Tensor4D;
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
        if (!hasPad) return tf.avgPool(x4, kernel, stride, 'valid');
        // Explicit zero padding + `valid` pooling (tfjs' AvgPoolGrad is wrong with implicit padding); without
        // countIncludePad, divide by the pooled share of real elements instead.
        const pads: Array<[number, number]> = [[0, 0], [padding[0], padding[0]], [padding[1], padding[1]], [0, 0]];
        const mean = tf.avgPool(tf.pad(x4, pads), kernel, stride, 'valid');
        if (countIncludePad) return mean;
        const share = tf.avgPool(tf.pad(tf.ones([1, x4.shape[1], x4.shape[2], 1]), pads) as tf.Tensor4D, kernel, stride, 'valid');
        return tf.div(mean, share);
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
