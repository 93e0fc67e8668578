import type * as tf from '@tensorflow/tfjs-core';
import { assertOption, type ForwardOptions } from '@nnopt/core';
import { alphaDropout as alphaDropoutOp, dropPath as dropPathOp, dropout as dropoutOp, spatialDropout2d, type DropoutOptions } from '@nnopt/regularizers';
import { defineModule, type Module } from '../module';

type DropoutOp = (x: tf.Tensor, options: DropoutOptions) => tf.Tensor;

function dropoutModule(type: string, p: number, op: DropoutOp): Module {
  assertOption(Number.isFinite(p) && p >= 0 && p <= 1, 'p', p, 'in [0, 1]');
  return defineModule({ type, forward: (x: tf.Tensor, { training, key }: ForwardOptions) => op(x, { rate: p, key, training }) });
}

/**
 * `torch.nn.Dropout` as a module over `@nnopt/regularizers`' `dropout` op: in training each element is zeroed with
 * probability `p` (default 0.5) and survivors are scaled by `1 / (1 - p)`; eval returns `x`. The mask is drawn
 * from `options.key` (host-side Threefry, identical on every backend); a training pass without a key throws.
 */
export function dropout({ p = 0.5 }: { p?: number } = {}): Module {
  return dropoutModule('Dropout', p, dropoutOp);
}

/** `torch.nn.Dropout2d` on NHWC: whole channels (mask `[N, 1, 1, C]`) dropped with probability `p` (default 0.5). */
export function dropout2d({ p = 0.5 }: { p?: number } = {}): Module {
  return dropoutModule('Dropout2d', p, (x, o) => spatialDropout2d(x as tf.Tensor4D, o));
}

/** `torch.nn.AlphaDropout` (for SELU networks): keeps mean and variance (Klambauer et al. 2017). Default `p` 0.5. */
export function alphaDropout({ p = 0.5 }: { p?: number } = {}): Module {
  return dropoutModule('AlphaDropout', p, alphaDropoutOp);
}

/**
 * Stochastic depth (`torchvision.ops.StochasticDepth(p, 'row')`, Huang et al. 2016): drops a whole residual
 * branch per sample with probability `p` (default 0.5), scaling survivors by `1 / (1 - p)`.
 */
export function dropPath({ p = 0.5 }: { p?: number } = {}): Module {
  return dropoutModule('StochasticDepth', p, (x, o) => dropPathOp(x, { ...o, mode: 'row' }));
}
