import * as tf from '@tensorflow/tfjs-core';
import { split, type PRNGKey } from '@nnopt/core';
import { kaimingNormal, type Initializer } from '../initializers';
import type { Module } from '../module';
import { batchNorm2d } from './batch-norm';
import { conv2d } from './conv2d';
import { sequential } from './sequential';

/** torchvision's ResNet conv initializer: Kaiming-normal, `mode: 'fanOut'`, ReLU gain. */
export const resnetConvInit: Initializer = kaimingNormal({ mode: 'fanOut', nonlinearity: 'relu' });

/** A bias-free conv with torchvision's ResNet initialization. */
export function resnetConv(inChannels: number, outChannels: number, kernelSize: number, stride: number, key: PRNGKey, init: Initializer = resnetConvInit): Module {
  return conv2d({ inChannels, outChannels, kernelSize, stride, padding: (kernelSize - 1) / 2, bias: false, weightInit: init, key });
}

/** The projection shortcut `downsample = Sequential(conv1x1(stride), BatchNorm2d)`, or none when shapes already match. */
export function shortcut(inPlanes: number, outPlanes: number, stride: number, key: PRNGKey, init?: Initializer): Module | undefined {
  if (stride === 1 && inPlanes === outPlanes) return undefined;
  return sequential([resnetConv(inPlanes, outPlanes, 1, stride, key, init), batchNorm2d({ numFeatures: outPlanes })]);
}

/** `[name, module]` children, skipping absent ones. */
export function present(entries: ReadonlyArray<readonly [string, Module | undefined]>): Array<readonly [string, Module]> {
  return entries.filter((e): e is readonly [string, Module] => e[1] !== undefined);
}

/** `relu(body + shortcut(x))`, the residual sum. */
export function residualOut(body: tf.Tensor, x: tf.Tensor, downsample: Module | undefined, training: boolean): tf.Tensor {
  const identity = downsample ? downsample.forward(x, { training }) : x;
  return tf.relu(tf.add(body, identity));
}

/** Seeds for the convolutions of a block. */
export const blockKeys = (key: PRNGKey, n: number): PRNGKey[] => split(key, n);
