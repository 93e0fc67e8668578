import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertInteger, assertOption, split, type PRNGKey } from '@nnopt/core';
import { normalInit, resolveKey, zerosInit } from '../initializers';
import { childOptions, defineModule, type Module } from '../module';
import { createParameter } from '../parameter';
import { conv2d } from '../layers/conv2d';
import { dropout as dropoutLayer } from '../layers/dropout';
import { layerNorm } from '../layers/layer-norm';
import { linear } from '../layers/linear';
import { sequential } from '../layers/sequential';
import { transformerEncoderBlock } from '../layers/transformer-encoder-block';

/** Options of {@link vit}. */
export interface VitOptions {
  /** Square input side. Default 32. */
  imageSize?: number;
  /** Must divide `imageSize`. Default 4. */
  patchSize?: number;
  /** Default 3. */
  inChannels?: number;
  /** Default 10. */
  numClasses?: number;
  /** Token width. Default 64. */
  dim?: number;
  /** Number of encoder blocks. Default 4. */
  depth?: number;
  /** Default 4. */
  heads?: number;
  /** Feed-forward width. Default `2 * dim`. */
  mlpDim?: number;
  /** Default 0. */
  dropout?: number;
  key?: PRNGKey;
}

/**
 * A tiny Vision Transformer (Dosovitskiy et al. 2020, https://arxiv.org/abs/2010.11929) on NHWC images: patches
 * embedded by a stride-`patchSize` conv (`conv_proj`), a learned `class_token` and `pos_embedding`
 * (`N(0, 0.02^2)`, as torchvision), `depth` pre-norm {@link transformerEncoderBlock}s with GELU (`blocks.i`),
 * a final LayerNorm (`norm`) and a linear `head` on the class token. Output logits `[N, numClasses]`.
 * Patches are ordered row-major, as PyTorch's `flatten(2).transpose(1, 2)`.
 */
export function vit(options: VitOptions = {}): Module {
  const { imageSize = 32, patchSize = 4, inChannels = 3, numClasses = 10, dim = 64, depth = 4, heads = 4, dropout = 0, key } = options;
  const mlpDim = options.mlpDim ?? 2 * dim;
  for (const [name, v] of Object.entries({ imageSize, patchSize, inChannels, numClasses, dim, depth, heads, mlpDim })) assertInteger(name, v, 1);
  assertOption(imageSize % patchSize === 0, 'patchSize', patchSize, `a divisor of imageSize (${imageSize})`);
  assertOption(dim % heads === 0, 'heads', heads, `a divisor of dim (${dim})`);
  assertInRange('dropout', dropout, 0, 1);
  const tokens = (imageSize / patchSize) ** 2 + 1;
  const keys = split(resolveKey(key), depth + 3);
  const convProj = conv2d({ inChannels, outChannels: dim, kernelSize: patchSize, stride: patchSize, key: keys[0] });
  const classToken = createParameter(zerosInit(), keys[1]!, [1, 1, dim]);
  const posEmbedding = createParameter(normalInit(0, 0.02), keys[1]!, [1, tokens, dim]);
  const drop = dropoutLayer({ p: dropout });
  const blocks = sequential(
    Array.from({ length: depth }, (_, i) =>
      transformerEncoderBlock({ dModel: dim, nHead: heads, dimFeedforward: mlpDim, dropout, activation: 'gelu', key: keys[i + 3] }),
    ),
  );
  const norm = layerNorm({ normalizedShape: dim, eps: 1e-6 });
  const head = linear({ inFeatures: dim, outFeatures: numClasses, key: keys[2] });
  return defineModule({
    type: 'VisionTransformer',
    parameters: { class_token: classToken, pos_embedding: posEmbedding },
    children: [
      ['conv_proj', convProj],
      ['dropout', drop],
      ['blocks', blocks],
      ['norm', norm],
      ['head', head],
    ],
    forward: (x, options) =>
      tf.tidy(() => {
        if (x.rank !== 4 || x.shape[1] !== imageSize || x.shape[2] !== imageSize) {
          throw new Error(`VisionTransformer: input must be NHWC [N, ${imageSize}, ${imageSize}, ${inChannels}], got [${x.shape.join(', ')}]`);
        }
        const n = x.shape[0]!;
        const patches = tf.reshape(convProj.forward(x, options), [n, tokens - 1, dim]);
        let h: tf.Tensor = tf.concat([tf.tile(classToken, [n, 1, 1]), patches], 1);
        h = drop.forward(tf.add(h, posEmbedding), childOptions(options, 0));
        h = norm.forward(blocks.forward(h, childOptions(options, 1)), options);
        return head.forward(tf.squeeze(tf.slice(h, [0, 0, 0], [n, 1, dim]), [1]), options);
      }),
  });
}
