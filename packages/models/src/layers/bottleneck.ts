import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, type PRNGKey } from '@nnopt/core';
import { resolveKey, type Initializer } from '../initializers';
import { defineModule, type Module } from '../module';
import { batchNorm2d } from './batch-norm';
import { blockKeys, residualOut, resnetConv, shortcut, present } from './residual';

/** Options of {@link bottleneck}. */
export interface BottleneckOptions {
  inPlanes: number;
  /** Inner width; the block outputs `4 * planes` channels. */
  planes: number;
  /** Stride of the 3x3 `conv2` (torchvision's "ResNet v1.5") and of the shortcut. Default 1. */
  stride?: number;
  /** Conv weight initializer. Default torchvision's Kaiming-normal (fan-out, ReLU). */
  convInit?: Initializer;
  key?: PRNGKey;
}

/**
 * torchvision's `Bottleneck` (expansion 4): `y = relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) +
 * downsample(x))`, conv1/conv3 1x1, conv2 3x3 carrying the stride; `downsample` when `stride != 1` or
 * `inPlanes != 4 * planes`.
 */
export function bottleneck({ inPlanes, planes, stride = 1, convInit, key }: BottleneckOptions): Module {
  assertInteger('inPlanes', inPlanes, 1);
  assertInteger('planes', planes, 1);
  assertInteger('stride', stride, 1);
  const [k1, k2, k3, k4] = blockKeys(resolveKey(key), 4);
  const conv1 = resnetConv(inPlanes, planes, 1, 1, k1!, convInit);
  const bn1 = batchNorm2d({ numFeatures: planes });
  const conv2 = resnetConv(planes, planes, 3, stride, k2!, convInit);
  const bn2 = batchNorm2d({ numFeatures: planes });
  const conv3 = resnetConv(planes, planes * 4, 1, 1, k3!, convInit);
  const bn3 = batchNorm2d({ numFeatures: planes * 4 });
  const downsample = shortcut(inPlanes, planes * 4, stride, k4!, convInit);
  return defineModule({
    type: 'Bottleneck',
    children: present([
      ['conv1', conv1],
      ['bn1', bn1],
      ['conv2', conv2],
      ['bn2', bn2],
      ['conv3', conv3],
      ['bn3', bn3],
      ['downsample', downsample],
    ]),
    forward: (x, { training }) =>
      tf.tidy(() => {
        const o = { training };
        const h1 = tf.relu(bn1.forward(conv1.forward(x, o), o));
        const h2 = tf.relu(bn2.forward(conv2.forward(h1, o), o));
        return residualOut(bn3.forward(conv3.forward(h2, o), o), x, downsample, training);
      }),
  });
}
