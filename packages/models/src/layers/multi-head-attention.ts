import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertInteger, assertOption, bernoulli, split, type ForwardOptions, type PRNGKey } from '@nnopt/core';
import { resolveKey, xavierUniform, zerosInit } from '../initializers';
import { defineModule, type Module } from '../module';
import { createParameter } from '../parameter';
import { linear } from './linear';

/** Options of {@link multiHeadAttention}. */
export interface MultiHeadAttentionOptions {
  embedDim: number;
  /** Must divide `embedDim`. */
  numHeads: number;
  /** Dropout on the attention weights in training. Default 0. */
  dropout?: number;
  /** Learn `in_proj_bias` and `out_proj.bias`. Default true. */
  bias?: boolean;
  key?: PRNGKey;
}

/** Masks of {@link MultiHeadAttention.attend}. */
export interface AttentionMasks {
  /** `[L, S]` or `[N * numHeads, L, S]`: bool (true = may not attend, as PyTorch) or float (added to the scores). */
  attnMask?: tf.Tensor;
  /** `[N, S]` bool: true marks padding keys that no query attends to. */
  keyPaddingMask?: tf.Tensor;
  /** Adds a causal mask (query `i` sees keys `<= i`). Default false. */
  causal?: boolean;
}

/** A multi-head attention module: `forward(x)` is self-attention; `attend` takes separate query, key and value. */
export interface MultiHeadAttention extends Module {
  attend(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, options: ForwardOptions, masks?: AttentionMasks): tf.Tensor;
}

const NEG = -1e9;

/**
 * `torch.nn.MultiheadAttention(embedDim, numHeads, batch_first=True)` (Vaswani et al. 2017,
 * https://arxiv.org/abs/1706.03762): inputs `[N, L, E]`;
 * `Q, K, V = x W_{q,k,v}^T + b_{q,k,v}` (rows of `in_proj_weight` `[3E, E]`), per head
 * `softmax(Q_h K_h^T / sqrt(E / numHeads) + mask) V_h`, heads concatenated and projected by `out_proj`.
 * Initialization as PyTorch: `in_proj_weight` Xavier-uniform, biases zero, `out_proj.weight` Linear's default.
 * Returns only the output (PyTorch also returns the averaged attention weights).
 */
export function multiHeadAttention({ embedDim, numHeads, dropout = 0, bias = true, key }: MultiHeadAttentionOptions): MultiHeadAttention {
  assertInteger('embedDim', embedDim, 1);
  assertInteger('numHeads', numHeads, 1);
  assertOption(embedDim % numHeads === 0, 'numHeads', numHeads, `a divisor of embedDim (${embedDim})`);
  assertInRange('dropout', dropout, 0, 1);
  const [wKey, oKey] = split(resolveKey(key));
  const parameters: Record<string, tf.Variable> = { in_proj_weight: createParameter(xavierUniform(), wKey!, [3 * embedDim, embedDim]) };
  if (bias) parameters.in_proj_bias = createParameter(zerosInit(), wKey!, [3 * embedDim]);
  const outProj = linear({ inFeatures: embedDim, outFeatures: embedDim, bias, biasInit: zerosInit(), key: oKey });
  const headDim = embedDim / numHeads;

  const project = (x: tf.Tensor, i: number): tf.Tensor => {
    const w = tf.slice(parameters.in_proj_weight!, [i * embedDim, 0], [embedDim, embedDim]);
    const [n, l] = x.shape as [number, number, number];
    let y: tf.Tensor = tf.matMul(tf.reshape(x, [-1, embedDim]), w, false, true);
    if (parameters.in_proj_bias) y = tf.add(y, tf.slice(parameters.in_proj_bias, [i * embedDim], [embedDim]));
    return tf.transpose(tf.reshape(y, [n, l, numHeads, headDim]), [0, 2, 1, 3]); // [N, H, L, D]
  };

  const attend = (query: tf.Tensor, keyT: tf.Tensor, value: tf.Tensor, { training, key: stepKey }: ForwardOptions, masks: AttentionMasks = {}) =>
    tf.tidy(() => {
      for (const [name, t] of [['query', query], ['key', keyT], ['value', value]] as const) {
        if (t.rank !== 3 || t.shape[2] !== embedDim) {
          throw new Error(`MultiheadAttention: ${name} must be [N, L, ${embedDim}], got [${t.shape.join(', ')}]`);
        }
      }
      const [n, l] = query.shape as [number, number, number];
      const s = keyT.shape[1]!;
      const q = project(query, 0);
      const k = project(keyT, 1);
      const v = project(value, 2);
      let scores: tf.Tensor = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headDim)); // [N, H, L, S]
      const { attnMask, keyPaddingMask, causal = false } = masks;
      if (attnMask) {
        const additive = attnMask.dtype === 'bool' ? tf.where(attnMask, tf.fill(attnMask.shape, NEG), tf.zeros(attnMask.shape)) : attnMask;
        scores = tf.add(scores, attnMask.rank === 3 ? tf.reshape(additive, [n, numHeads, l, s]) : additive);
      }
      if (keyPaddingMask) scores = tf.add(scores, tf.mul(tf.reshape(tf.cast(keyPaddingMask, 'float32'), [n, 1, 1, s]), NEG));
      if (causal) scores = tf.add(scores, tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([l, s]), -1, 0)), NEG));
      let weights = tf.softmax(scores);
      if (training && dropout > 0) {
        if (stepKey === undefined) throw new Error('MultiheadAttention: a training forward pass with dropout needs options.key');
        weights = tf.mul(weights, tf.div(bernoulli(stepKey, 1 - dropout, weights.shape), 1 - dropout));
      }
      const heads = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [n, l, embedDim]);
      return outProj.forward(heads, { training });
    });

  const module = defineModule({
    type: 'MultiheadAttention',
    parameters,
    children: [['out_proj', outProj]],
    forward: (x, options) => attend(x, x, x, options),
  });
  return { ...module, attend };
}
