import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertOption, split, type PRNGKey } from '@nnopt/core';
import { kaimingUniform, resolveKey, uniformInit, type Initializer } from '../initializers';
import { defineModule, type Module } from '../module';
import { createParameter } from '../parameter';
import { biasAdd } from './bias-add';

/** A size per spatial axis: one number for both, or `[height, width]`. */
export type Size2 = number | readonly [number, number];

/** Options of {@link conv2d}. */
export interface Conv2dOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: Size2;
  /** Default 1. */
  stride?: Size2;
  /** Zero padding on both sides of each axis, `'same'` (stride 1 only, as PyTorch) or `'valid'` (= 0). Default 0. */
  padding?: Size2 | 'same' | 'valid';
  /** Default 1. tfjs cannot combine a dilation > 1 with a stride > 1. */
  dilation?: Size2;
  /** Channel groups; `groups = inChannels` is a depthwise convolution. Default 1. */
  groups?: number;
  /** Default true. */
  bias?: boolean;
  /** Weight initializer (PyTorch shape `[out, in/groups, kh, kw]`). Default PyTorch's `kaimingUniform({ a: sqrt(5) })`. */
  weightInit?: Initializer;
  /** Default PyTorch's `U(-1/sqrt(fanIn), 1/sqrt(fanIn))`, `fanIn = in/groups * kh * kw`. */
  biasInit?: Initializer;
  key?: PRNGKey;
}

/** `[h, w]` from a {@link Size2}, validating each as an integer >= `min`. */
export function pair(name: string, value: Size2, min: number): [number, number] {
  const p: [number, number] = typeof value === 'number' ? [value, value] : [value[0], value[1]];
  assertOption(p.every((v) => Number.isInteger(v) && v >= min), name, value, `an integer >= ${min} or a pair of them`);
  return p;
}

/**
 * `torch.nn.Conv2d` on NHWC input (tfjs' layout): `y[n, i, j, o] = b[o] + sum_{di, dj, c} x[n, s*i + d*di - p, s*j +
 * d*dj - p, c] w[o, c, di, dj]` over the channels `c` of `o`'s group. Input `[N, H, W, inChannels]`, output
 * `[N, H', W', outChannels]`, `H' = floor((H + 2p - d(k - 1) - 1) / s) + 1`.
 *
 * The `weight` variable is held as tfjs' HWIO `[kh, kw, in/groups, out]`; `stateDict`/`loadStateDict` store it as
 * PyTorch's OIHW `[out, in/groups, kh, kw]` under the name `weight` (layout `'conv2d'`). Depthwise convolutions
 * (`groups = inChannels`) run as `tf.depthwiseConv2d`, other groupings as one convolution per group.
 */
export function conv2d(options: Conv2dOptions): Module {
  const { inChannels, outChannels, groups = 1, bias = true, key } = options;
  assertInteger('inChannels', inChannels, 1);
  assertInteger('outChannels', outChannels, 1);
  assertInteger('groups', groups, 1);
  assertOption(inChannels % groups === 0, 'groups', groups, `a divisor of inChannels (${inChannels})`);
  assertOption(outChannels % groups === 0, 'groups', groups, `a divisor of outChannels (${outChannels})`);
  const [kh, kw] = pair('kernelSize', options.kernelSize, 1);
  const stride = pair('stride', options.stride ?? 1, 1);
  const dilation = pair('dilation', options.dilation ?? 1, 1);
  const padding = options.padding ?? 0;
  let pad: 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];
  if (padding === 'same' || padding === 'valid') {
    assertOption(padding !== 'same' || (stride[0] === 1 && stride[1] === 1), 'padding', padding, "not 'same' with a stride > 1 (as PyTorch)");
    pad = padding;
  } else {
    const [ph, pw] = pair('padding', padding, 0);
    pad = ph === pw ? ph : [[0, 0], [ph, ph], [pw, pw], [0, 0]];
  }
  assertOption(
    (stride[0] === 1 && stride[1] === 1) || (dilation[0] === 1 && dilation[1] === 1),
    'dilation',
    options.dilation,
    '1 when stride > 1 (tfjs supports a dilation or a stride, not both)',
  );
  const [wKey, bKey] = split(resolveKey(key));
  const fanIn = (inChannels / groups) * kh * kw;
  const bound = 1 / Math.sqrt(fanIn);
  const parameters: Record<string, tf.Variable> = {
    weight: createParameter(options.weightInit ?? kaimingUniform({ a: Math.sqrt(5) }), wKey!, [outChannels, inChannels / groups, kh, kw], 'conv2d'),
  };
  if (bias) parameters.bias = createParameter(options.biasInit ?? uniformInit(-bound, bound), bKey!, [outChannels]);
  const depthwise = groups > 1 && groups === inChannels;
  const dilated = dilation[0] > 1 || dilation[1] > 1;
  const plain = (x: tf.Tensor4D, w: tf.Tensor4D, p: typeof pad): tf.Tensor4D => {
    if (groups === 1) return tf.conv2d(x, w, stride, p);
    if (depthwise) return tf.depthwiseConv2d(x, tf.reshape(w, [kh, kw, inChannels, outChannels / inChannels]) as tf.Tensor4D, stride, p);
    const xs = tf.split(x, groups, 3);
    const ws = tf.split(w, groups, 3);
    return tf.concat(xs.map((xi, i) => tf.conv2d(xi as tf.Tensor4D, ws[i] as tf.Tensor4D, stride, p)), 3);
  };
  // tfjs has no gradient for dilated convolutions, so they run as TensorFlow's atrous convolution: pad, move the
  // dilation grid into the batch (spaceToBatchND), convolve densely, move it back and crop. All differentiable.
  const explicitPads = (): [[number, number], [number, number]] => {
    const along = (k: number, d: number, axis: 0 | 1): [number, number] => {
      if (pad === 'valid') return [0, 0];
      if (pad === 'same') {
        const total = (k - 1) * d;
        return [Math.floor(total / 2), total - Math.floor(total / 2)];
      }
      const p = typeof pad === 'number' ? pad : pad[axis + 1]![0];
      return [p, p];
    };
    return [along(kh, dilation[0], 0), along(kw, dilation[1], 1)];
  };
  const convolve = (x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D => {
    if (!dilated) return plain(x, w, pad);
    const [[pt, pb], [pl, pr]] = explicitPads();
    const hp = x.shape[1] + pt + pb;
    const wp = x.shape[2] + pl + pr;
    const exH = (dilation[0] - (hp % dilation[0])) % dilation[0];
    const exW = (dilation[1] - (wp % dilation[1])) % dilation[1];
    const padded = tf.pad(x, [[0, 0], [pt, pb + exH], [pl, pr + exW], [0, 0]]);
    const batched = tf.spaceToBatchND(padded, dilation, [[0, 0], [0, 0]]);
    const y = plain(batched as tf.Tensor4D, w, 'valid');
    return tf.batchToSpaceND(y, dilation, [[0, exH], [0, exW]]) as tf.Tensor4D;
  };
  return defineModule({
    type: 'Conv2d',
    parameters,
    layouts: { weight: 'conv2d' },
    forward: (x) =>
      tf.tidy(() => {
        if (x.rank !== 4 || x.shape[3] !== inChannels) {
          throw new Error(`Conv2d: input must be NHWC [N, H, W, ${inChannels}], got [${x.shape.join(', ')}]`);
        }
        const y = convolve(x as tf.Tensor4D, parameters.weight as tf.Tensor4D);
        return parameters.bias ? biasAdd(y, parameters.bias) : y;
      }),
  });
}
