import * as tf from '@tensorflow/tfjs-core';
import { channelSum } from './channel-sum';

/**
 * `y = x + bias` with `bias` `[C]` broadcast over the last axis of `x` `[..., C]`, whose bias gradient is the
 * per-channel sum of `dy` by {@link channelSum} (tfjs reduces the broadcast axes with its slower `Sum` kernel).
 */
export function biasAdd(x: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  // tfjs types the custom-gradient function's arguments as a union: the tensors, then `save`.
  const add = tf.customGrad(((input: tf.Tensor, b: tf.Tensor) => ({
    value: tf.add(input, b),
    gradFunc: (dy: tf.Tensor) => [dy, channelSum(dy)],
  })) as unknown as Parameters<typeof tf.customGrad>[0]);
  return add(x, bias);
}
