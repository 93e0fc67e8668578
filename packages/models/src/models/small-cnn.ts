import { assertInteger, split, type PRNGKey } from '@nnopt/core';
import { resolveKey } from '../initializers';
import type { Module } from '../module';
import { relu } from '../layers/activations';
import { batchNorm2d } from '../layers/batch-norm';
import { conv2d } from '../layers/conv2d';
import { flatten } from '../layers/flatten';
import { linear } from '../layers/linear';
import { adaptiveAvgPool2d, maxPool2d } from '../layers/pooling';
import { sequential } from '../layers/sequential';

/** Options of {@link smallCnn}. */
export interface SmallCnnOptions {
  /** Default 1 (grayscale, e.g. Fashion-MNIST). */
  inChannels?: number;
  /** Default 10. */
  numClasses?: number;
  /** Channels of the first conv; the second has twice as many. Default 16. */
  width?: number;
  key?: PRNGKey;
}

/**
 * A small CNN with BatchNorm for 28x28 / 32x32 images, as `nn.Sequential`:
 * `0` conv3x3(in, w) `1` BN `2` ReLU `3` maxpool2 `4` conv3x3(w, 2w) `5` BN `6` ReLU `7` maxpool2
 * `8` global avg pool `9` flatten `10` linear(2w, numClasses). Input NHWC, output logits `[N, numClasses]`.
 */
export function smallCnn({ inChannels = 1, numClasses = 10, width = 16, key }: SmallCnnOptions = {}): Module {
  assertInteger('inChannels', inChannels, 1);
  assertInteger('numClasses', numClasses, 1);
  assertInteger('width', width, 1);
  const [k1, k2, k3] = split(resolveKey(key), 3);
  return sequential(
    [
      conv2d({ inChannels, outChannels: width, kernelSize: 3, padding: 1, key: k1 }),
      batchNorm2d({ numFeatures: width }),
      relu(),
      maxPool2d({ kernelSize: 2 }),
      conv2d({ inChannels: width, outChannels: 2 * width, kernelSize: 3, padding: 1, key: k2 }),
      batchNorm2d({ numFeatures: 2 * width }),
      relu(),
      maxPool2d({ kernelSize: 2 }),
      adaptiveAvgPool2d({ outputSize: 1 }),
      flatten(),
      linear({ inFeatures: 2 * width, outFeatures: numClasses, key: k3 }),
    ],
    'SmallCNN',
  );
}
