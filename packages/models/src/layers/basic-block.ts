import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, type PRNGKey } from '@nnopt/core';
import { resolveKey, type Initializer } from '../initializers';
import { defineModule, type Module } from '../module';
import { batchNorm2d } from './batch-norm';
import { blockKeys, present, residualOut, resnetConv, shortcut } from './residual';
import { selfAttention2d } from './self-attention2d';

/** Options of {@link basicBlock}. */
export interface BasicBlockOptions {
  inPlanes: number;
  planes: number;
  /** Stride of `conv1` and of the shortcut. Default 1. */
  stride?: number;
  /** Insert the seed's {@link selfAttention2d} (named `attention`) between `relu(bn1(conv1(x)))` and `conv2`. Default false. */
  selfAttention?: boolean;
  /** Conv weight initializer. Default torchvision's Kaiming-normal (fan-out, ReLU). */
  convInit?: Initializer;
  key?: PRNGKey;
}

/**
 * torchvision's `BasicBlock` (He et al. 2015, https://arxiv.org/abs/1512.03385), expansion 1:
 * `y = relu(bn2(conv2(relu(bn1(conv1(x))))) + downsample(x))` with 3x3 bias-free convs; `downsample` (1x1 conv +
 * BatchNorm) exists when `stride != 1` or `inPlanes != planes`. Convs use torchvision's Kaiming-normal (fan-out) init.
 */
export function basicBlock({ inPlanes, planes, stride = 1, selfAttention = false, convInit, key }: BasicBlockOptions): Module {
  assertInteger('inPlanes', inPlanes, 1);
  assertInteger('planes', planes, 1);
  assertInteger('stride', stride, 1);
  const [k1, k2, k3, k4] = blockKeys(resolveKey(key), 4);
  const conv1 = resnetConv(inPlanes, planes, 3, stride, k1!, convInit);
  const bn1 = batchNorm2d({ numFeatures: planes });
  const attention = selfAttention ? selfAttention2d({ inChannels: planes, key: k4 }) : undefined;
  const conv2 = resnetConv(planes, planes, 3, 1, k2!, convInit);
  const bn2 = batchNorm2d({ numFeatures: planes });
  const downsample = shortcut(inPlanes, planes, stride, k3!, convInit);
  return defineModule({
    type: 'BasicBlock',
    children: present([
      ['conv1', conv1],
      ['bn1', bn1],
      ['attention', attention],
      ['conv2', conv2],
      ['bn2', bn2],
      ['downsample', downsample],
    ]),
    forward: (x, { training }) =>
      tf.tidy(() => {
        const o = { training };
        let h = tf.relu(bn1.forward(conv1.forward(x, o), o));
        if (attention) h = attention.forward(h, o);
        return residualOut(bn2.forward(conv2.forward(h, o), o), x, downsample, training);
      }),
  });
}
