import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertOption, assertPositive, split, type PRNGKey } from '@nnopt/core';
import { resolveKey, type Initializer } from '../initializers';
import { defineModule, type Module } from '../module';
import { relu } from '../layers/activations';
import { basicBlock } from '../layers/basic-block';
import { batchNorm2d } from '../layers/batch-norm';
import { bottleneck } from '../layers/bottleneck';
import { linear } from '../layers/linear';
import { adaptiveAvgPool2d, maxPool2d } from '../layers/pooling';
import { resnetConv } from '../layers/residual';
import { sequential } from '../layers/sequential';

/** Options of {@link resnet}. */
export interface ResNetOptions {
  /** 18 and 34 use `basicBlock` ([2,2,2,2], [3,4,6,3]); 50 uses `bottleneck` ([3,4,6,3]). */
  depth: 18 | 34 | 50;
  /** Scales the stage widths 64, 128, 256, 512 (rounded, at least 1). Default 1 (torchvision's widths). */
  widthMultiplier?: number;
  /** Default 3. */
  inChannels?: number;
  /** Default 1000. */
  numClasses?: number;
  /**
   * `'imagenet'` (default): 7x7 stride-2 conv + 3x3 stride-2 max pool, as torchvision. `'small'`: one 3x3 stride-1
   * conv and no max pool, the usual stem for 32x32 images (CIFAR).
   */
  stem?: 'imagenet' | 'small';
  /** Insert the seed's self-attention in the last block of `layer4`, before its second conv (basic blocks only). Default false. */
  selfAttention?: boolean;
  /** Initializer of every conv weight. Default torchvision's `kaimingNormal({ mode: 'fanOut', nonlinearity: 'relu' })`. */
  convInit?: Initializer;
  key?: PRNGKey;
}

const blocksPerStage: Record<18 | 34 | 50, readonly number[]> = { 18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 6, 3] };

/**
 * torchvision's ResNet (He et al. 2015, https://arxiv.org/abs/1512.03385) on NHWC input, with torchvision's
 * state-dict names (`conv1`, `bn1`, `layer1.0.conv1`, ..., `fc`) and initialization, so
 * `resnet({ depth: 18 })` loads `torchvision.models.resnet18()` weights by name and has the same parameter count
 * (11,689,512). `widthMultiplier` and `depth` are plain options so depth/width trade-offs can be swept.
 * Output: logits `[N, numClasses]`.
 */
export function resnet(options: ResNetOptions): Module {
  const { depth, widthMultiplier = 1, inChannels = 3, numClasses = 1000, stem = 'imagenet', selfAttention = false, convInit, key } = options;
  assertOption(depth === 18 || depth === 34 || depth === 50, 'depth', depth, '18, 34 or 50');
  assertPositive('widthMultiplier', widthMultiplier);
  assertInteger('inChannels', inChannels, 1);
  assertInteger('numClasses', numClasses, 1);
  assertOption(stem === 'imagenet' || stem === 'small', 'stem', stem, "'imagenet' or 'small'");
  assertOption(!selfAttention || depth !== 50, 'selfAttention', selfAttention, 'false for depth 50 (bottleneck blocks)');
  const expansion = depth === 50 ? 4 : 1;
  const widths = [64, 128, 256, 512].map((w) => Math.max(1, Math.round(w * widthMultiplier)));
  const keys = split(resolveKey(key), 6);
  const stemWidth = widths[0]!;
  const conv1 = stem === 'imagenet' ? resnetConv(inChannels, stemWidth, 7, 2, keys[0]!, convInit) : resnetConv(inChannels, stemWidth, 3, 1, keys[0]!, convInit);
  const bn1 = batchNorm2d({ numFeatures: stemWidth });
  const maxpool = stem === 'imagenet' ? maxPool2d({ kernelSize: 3, stride: 2, padding: 1 }) : undefined;
  let inPlanes = stemWidth;
  const stages = blocksPerStage[depth].map((count, s) => {
    const planes = widths[s]!;
    const blockKeys = split(keys[s + 1]!, count);
    const blocks = Array.from({ length: count }, (_, b) => {
      const stride = b === 0 && s > 0 ? 2 : 1;
      const attention = selfAttention && s === 3 && b === count - 1;
      const block =
        depth === 50
          ? bottleneck({ inPlanes, planes, stride, convInit, key: blockKeys[b] })
          : basicBlock({ inPlanes, planes, stride, selfAttention: attention, convInit, key: blockKeys[b] });
      inPlanes = planes * expansion;
      return block;
    });
    return sequential(blocks);
  });
  const avgpool = adaptiveAvgPool2d({ outputSize: 1 });
  const fc = linear({ inFeatures: inPlanes, outFeatures: numClasses, key: keys[5] });
  const children: Array<readonly [string, Module]> = [
    ['conv1', conv1],
    ['bn1', bn1],
    ['relu', relu()],
  ];
  if (maxpool) children.push(['maxpool', maxpool]);
  stages.forEach((stage, i) => children.push([`layer${i + 1}`, stage]));
  children.push(['avgpool', avgpool], ['fc', fc]);
  return defineModule({
    type: 'ResNet',
    children,
    forward: (x, { training }) =>
      tf.tidy(() => {
        const o = { training };
        let h = tf.relu(bn1.forward(conv1.forward(x, o), o));
        if (maxpool) h = maxpool.forward(h, o);
        for (const stage of stages) h = stage.forward(h, o);
        return fc.forward(tf.mean(h, [1, 2]), o);
      }),
  });
}

/**
 * The seed's model: ResNet18 with {@link selfAttention2d} inserted in `layer4.1` before its second conv
 * (`layer4.1.attention.*`); options as {@link resnet} (default `stem: 'small'`, the seed trains on 32x32 images).
 */
export function resnet18SelfAttention(options: Omit<ResNetOptions, 'depth' | 'selfAttention'> = {}): Module {
  return resnet({ stem: 'small', ...options, depth: 18, selfAttention: true });
}
