import * as tf from '@tensorflow/tfjs-core';
import { assertOption, bernoulli } from '@nnopt/core';
import { applyDropoutMask, checkDropout, type DropoutOptions } from './dropout-options';

/** Options of {@link dropPath}. */
export interface DropPathOptions extends DropoutOptions {
  /** `'row'` (default) drops each sample's branch independently; `'batch'` drops it for the whole batch. */
  readonly mode?: 'row' | 'batch';
}

/**
 * Stochastic depth / drop path, `torchvision.ops.stochastic_depth` (timm `drop_path`): the residual branch `x` is
 * zeroed per sample (mask shape `[N, 1, ..., 1]`, `mode: 'row'`) or for the whole batch (`'batch'`) with
 * probability `rate`, survivors scaled by `1 / (1 - rate)`. Apply it to the branch before the skip addition:
 * `y = shortcut + dropPath(branch, ...)`.
 *
 * Options: `rate` (torchvision `p`, default 0.5), `mode` (default `'row'`), `key`, `training`; `x` has rank >= 1.
 * Evaluation or `rate = 0` returns `x`.
 *
 * Huang et al. 2016, https://arxiv.org/abs/1603.09382
 */
export function dropPath<T extends tf.Tensor>(x: T, { rate = 0.5, key, training, mode = 'row' }: DropPathOptions): T {
  assertOption(mode === 'row' || mode === 'batch', 'mode', mode, "'row' or 'batch'");
  if (!checkDropout('dropPath', x, { rate, key, training }, { minRank: 1 })) return x;
  const shape = x.shape.map((d, i) => (i === 0 && mode === 'row' ? d : 1));
  return tf.tidy(() => applyDropoutMask(x, bernoulli(key!, 1 - rate, shape), rate)) as T;
}
