import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertOption, split, type PRNGKey } from '@nnopt/core';
import { resolveKey } from '../initializers';
import { defineModule, type Module } from '../module';
import { createBuffer } from '../parameter';
import { conv2d } from './conv2d';

/** Options of {@link selfAttention2d}. */
export interface SelfAttention2dOptions {
  inChannels: number;
  /** Query/key channels are `inChannels / reduction` (at least 1). Default 8, as SAGAN. */
  reduction?: number;
  key?: PRNGKey;
}

/**
 * Self-attention over the positions of a CNN feature map (SAGAN, Zhang et al. 2018,
 * https://arxiv.org/abs/1805.08318), the seed's `SelfAttention`: on NHWC `x` with `P = H * W` positions,
 * `q = query_conv(x)`, `k = key_conv(x)` (1x1 convs to `C / reduction` channels), `v = value_conv(x)` (1x1, C),
 * `A = softmax_j(q_i . k_j)` (unscaled, as SAGAN), `y = gamma * (A v) + x`. `gamma` starts at 0, so the block
 * starts as the identity and learns how much attention to mix in. Parameters: `query_conv.*`, `key_conv.*`,
 * `value_conv.*`, `gamma` `[1]`.
 */
export function selfAttention2d({ inChannels, reduction = 8, key }: SelfAttention2dOptions): Module {
  assertInteger('inChannels', inChannels, 1);
  assertOption(Number.isInteger(reduction) && reduction >= 1, 'reduction', reduction, 'an integer >= 1');
  const inner = Math.max(1, Math.floor(inChannels / reduction));
  const [qk, kk, vk] = split(resolveKey(key), 3);
  const query = conv2d({ inChannels, outChannels: inner, kernelSize: 1, key: qk });
  const keyConv = conv2d({ inChannels, outChannels: inner, kernelSize: 1, key: kk });
  const value = conv2d({ inChannels, outChannels: inChannels, kernelSize: 1, key: vk });
  const gamma = createBuffer(tf.zeros([1]), true);
  return defineModule({
    type: 'SelfAttention',
    parameters: { gamma },
    children: [
      ['query_conv', query],
      ['key_conv', keyConv],
      ['value_conv', value],
    ],
    forward: (x, options) =>
      tf.tidy(() => {
        if (x.rank !== 4 || x.shape[3] !== inChannels) {
          throw new Error(`SelfAttention: input must be NHWC [N, H, W, ${inChannels}], got [${x.shape.join(', ')}]`);
        }
        const [n, h, w] = x.shape as [number, number, number, number];
        const q = tf.reshape(query.forward(x, options), [n, h * w, inner]);
        const k = tf.reshape(keyConv.forward(x, options), [n, h * w, inner]);
        const v = tf.reshape(value.forward(x, options), [n, h * w, inChannels]);
        const attention = tf.softmax(tf.matMul(q, k, false, true));
        return tf.add(tf.mul(gamma, tf.reshape(tf.matMul(attention, v), x.shape)), x);
      }),
  });
}
