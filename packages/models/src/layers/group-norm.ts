import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertOption, assertPositive } from '@nnopt/core';
import { defineModule, type Module } from '../module';
import { createBuffer } from '../parameter';

/** Options of {@link groupNorm}. */
export interface GroupNormOptions {
  numGroups: number;
  numChannels: number;
  /** Default 1e-5. */
  eps?: number;
  /** Learn per-channel `weight` (init 1) and `bias` (init 0). Default true. */
  affine?: boolean;
}

/**
 * `torch.nn.GroupNorm` on channels-last input (`[N, ..., C]`, e.g. NHWC): channels are split into `numGroups`
 * consecutive groups (channel `c` is in group `floor(c / (C / G))`, as PyTorch) and each (sample, group) is
 * normalized with its mean and biased variance over the group's channels and all spatial positions, then scaled
 * per channel. Wu & He 2018, https://arxiv.org/abs/1803.08494.
 */
export function groupNorm({ numGroups, numChannels, eps = 1e-5, affine = true }: GroupNormOptions): Module {
  assertInteger('numGroups', numGroups, 1);
  assertInteger('numChannels', numChannels, 1);
  assertOption(numChannels % numGroups === 0, 'numGroups', numGroups, `a divisor of numChannels (${numChannels})`);
  assertPositive('eps', eps);
  const parameters: Record<string, tf.Variable> = {};
  if (affine) {
    parameters.weight = createBuffer(tf.ones([numChannels]), true);
    parameters.bias = createBuffer(tf.zeros([numChannels]), true);
  }
  return defineModule({
    type: 'GroupNorm',
    parameters,
    forward: (x) =>
      tf.tidy(() => {
        if (x.rank < 2 || x.shape[x.rank - 1] !== numChannels) {
          throw new Error(`GroupNorm: input must be channels-last with ${numChannels} channels, got [${x.shape.join(', ')}]`);
        }
        const n = x.shape[0]!;
        const grouped = tf.reshape(x, [n, -1, numGroups, numChannels / numGroups]);
        const { mean, variance } = tf.moments(grouped, [1, 3], true);
        let y = tf.reshape(tf.mul(tf.sub(grouped, mean), tf.rsqrt(tf.add(variance, eps))), x.shape);
        if (affine) y = tf.add(tf.mul(y, parameters.weight!), parameters.bias!);
        return y;
      }),
  });
}
