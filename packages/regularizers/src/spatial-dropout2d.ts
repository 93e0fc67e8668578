import * as tf from '@tensorflow/tfjs-core';
import { bernoulli } from '@nnopt/core';
import { applyDropoutMask, checkDropout, type DropoutOptions } from './dropout-options';

/**
 * Channel dropout for NHWC feature maps, `torch.nn.functional.dropout2d` / Keras `SpatialDropout2D`: whole
 * channels of each sample are zeroed with probability `rate` and the rest scaled by `1 / (1 - rate)`; the mask has
 * shape `[N, 1, 1, C]`. Adjacent pixels are strongly correlated, so dropping single elements regularizes little.
 *
 * Options: `rate` (default 0.5), `key`, `training`. `x` must be rank 4, NHWC (tfjs' layout; PyTorch's Dropout2d
 * on NCHW drops the same channels). Evaluation or `rate = 0` returns `x`.
 *
 * Tompson et al. 2015, https://arxiv.org/abs/1411.4280
 */
export function spatialDropout2d(x: tf.Tensor4D, { rate = 0.5, key, training }: DropoutOptions): tf.Tensor4D {
  if (!checkDropout('spatialDropout2d', x, { rate, key, training }, { exactRank: 4 })) return x;
  const [n, , , c] = x.shape;
  return tf.tidy(() => applyDropoutMask(x, bernoulli(key!, 1 - rate, [n, 1, 1, c]), rate)) as tf.Tensor4D;
}
