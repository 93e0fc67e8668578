import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertPositive, split, type PRNGKey } from '@nnopt/core';
import { resolveKey } from '../initializers';
import { childOptions, defineModule, type Module } from '../module';
import { activationByName } from './activations';
import { dropout as dropoutLayer } from './dropout';
import { layerNorm } from './layer-norm';
import { linear } from './linear';
import { multiHeadAttention } from './multi-head-attention';

/** Options of {@link transformerEncoderBlock}. */
export interface TransformerEncoderBlockOptions {
  dModel: number;
  nHead: number;
  /** Hidden width of the feed-forward network. Default 2048 (as PyTorch). */
  dimFeedforward?: number;
  /** Dropout after attention, inside and after the feed-forward network. Default 0.1. */
  dropout?: number;
  /** Default `'relu'` (as PyTorch); ViTs use `'gelu'`. */
  activation?: 'relu' | 'gelu';
  /** Default 1e-5. */
  layerNormEps?: number;
  key?: PRNGKey;
}

/**
 * A pre-norm transformer encoder layer, `torch.nn.TransformerEncoderLayer(norm_first=True, batch_first=True)`
 * (Xiong et al. 2020, https://arxiv.org/abs/2002.04745), on `[N, L, dModel]`:
 * `x = x + dropout1(self_attn(norm1(x)))`, `x = x + dropout2(linear2(dropout(act(linear1(norm2(x))))))`.
 * State-dict names as PyTorch: `self_attn.in_proj_weight`, `self_attn.out_proj.weight`, `linear1.*`, `linear2.*`,
 * `norm1.*`, `norm2.*`.
 */
export function transformerEncoderBlock(options: TransformerEncoderBlockOptions): Module {
  const { dModel, nHead, dimFeedforward = 2048, dropout = 0.1, activation = 'relu', layerNormEps = 1e-5, key } = options;
  assertInteger('dimFeedforward', dimFeedforward, 1);
  assertPositive('layerNormEps', layerNormEps);
  const [aKey, l1Key, l2Key] = split(resolveKey(key), 3);
  const selfAttn = multiHeadAttention({ embedDim: dModel, numHeads: nHead, dropout, key: aKey });
  const linear1 = linear({ inFeatures: dModel, outFeatures: dimFeedforward, key: l1Key });
  const linear2 = linear({ inFeatures: dimFeedforward, outFeatures: dModel, key: l2Key });
  const norm1 = layerNorm({ normalizedShape: dModel, eps: layerNormEps });
  const norm2 = layerNorm({ normalizedShape: dModel, eps: layerNormEps });
  const act = activationByName(activation);
  const drop = dropoutLayer({ p: dropout });
  const drop1 = dropoutLayer({ p: dropout });
  const drop2 = dropoutLayer({ p: dropout });
  return defineModule({
    type: 'TransformerEncoderLayer',
    children: [
      ['self_attn', selfAttn],
      ['linear1', linear1],
      ['dropout', drop],
      ['linear2', linear2],
      ['norm1', norm1],
      ['norm2', norm2],
      ['dropout1', drop1],
      ['dropout2', drop2],
    ],
    forward: (x, options) =>
      tf.tidy(() => {
        const o = (i: number) => childOptions(options, i);
        const h = tf.add(x, drop1.forward(selfAttn.forward(norm1.forward(x, o(0)), o(1)), o(2)));
        const ff = linear2.forward(drop.forward(act.forward(linear1.forward(norm2.forward(h, o(3)), o(4)), o(5)), o(6)), o(7));
        return tf.add(h, drop2.forward(ff, o(8)));
      }),
  });
}
