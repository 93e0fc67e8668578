import * as tf from '@tensorflow/tfjs-core';
import { assertOption, assertPositive } from '@nnopt/core';
import { defineModule, type Module } from '../module';
import { createBuffer } from '../parameter';

/** Options of {@link layerNorm}. */
export interface LayerNormOptions {
  /** The trailing shape normalized over, e.g. `embedDim` or `[H, W, C]`. */
  normalizedShape: number | readonly number[];
  /** Default 1e-5. */
  eps?: number;
  /** Learn `weight` (init 1) and `bias` (init 0) of `normalizedShape`. Default true. */
  elementwiseAffine?: boolean;
}

/**
 * `torch.nn.LayerNorm`: `y = (x - mean) / sqrt(var + eps) * weight + bias`, mean and biased variance over the
 * trailing `normalizedShape` axes of each sample; same in training and eval. Ba et al. 2016, https://arxiv.org/abs/1607.06450.
 */
export function layerNorm({ normalizedShape, eps = 1e-5, elementwiseAffine = true }: LayerNormOptions): Module {
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  assertOption(shape.length > 0 && shape.every((d) => Number.isInteger(d) && d >= 1), 'normalizedShape', normalizedShape, 'positive integers');
  assertPositive('eps', eps);
  const parameters: Record<string, tf.Variable> = {};
  if (elementwiseAffine) {
    parameters.weight = createBuffer(tf.ones(shape), true);
    parameters.bias = createBuffer(tf.zeros(shape), true);
  }
  return defineModule({
    type: 'LayerNorm',
    parameters,
    forward: (x) =>
      tf.tidy(() => {
        const tail = x.shape.slice(x.rank - shape.length);
        if (x.rank < shape.length || tail.some((d, i) => d !== shape[i])) {
          throw new Error(`LayerNorm: input [${x.shape.join(', ')}] does not end with normalizedShape [${shape.join(', ')}]`);
        }
        const axes = shape.map((_, i) => x.rank - shape.length + i);
        const { mean, variance } = tf.moments(x, axes, true);
        let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
        if (elementwiseAffine) y = tf.add(tf.mul(y, parameters.weight!), parameters.bias!);
        return y;
      }),
  });
}
