import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertOption, type PRNGKey } from '@nnopt/core';
import { normalInit, resolveKey, type Initializer } from '../initializers';
import { defineModule, type Module } from '../module';
import { createParameter } from '../parameter';
import { stopGradient } from '../stop-gradient';

/** Options of {@link embedding}. */
export interface EmbeddingOptions {
  numEmbeddings: number;
  embeddingDim: number;
  /** This row is initialized to zeros and receives no gradient (as PyTorch). Default none. */
  paddingIdx?: number;
  /** Default PyTorch's `N(0, 1)`. */
  weightInit?: Initializer;
  key?: PRNGKey;
}

/**
 * `torch.nn.Embedding`: `y[..., :] = weight[x[...], :]` for an int32 index tensor `x`; output shape `[...x.shape,
 * embeddingDim]`. Parameter `weight` `[numEmbeddings, embeddingDim]`.
 */
export function embedding({ numEmbeddings, embeddingDim, paddingIdx, weightInit, key }: EmbeddingOptions): Module {
  assertInteger('numEmbeddings', numEmbeddings, 1);
  assertInteger('embeddingDim', embeddingDim, 1);
  const pad = paddingIdx === undefined ? undefined : paddingIdx < 0 ? numEmbeddings + paddingIdx : paddingIdx;
  assertOption(pad === undefined || (Number.isInteger(pad) && pad >= 0 && pad < numEmbeddings), 'paddingIdx', paddingIdx, `an integer in [-${numEmbeddings}, ${numEmbeddings})`);
  const weight = createParameter(weightInit ?? normalInit(), resolveKey(key), [numEmbeddings, embeddingDim]);
  if (pad !== undefined) {
    tf.tidy(() => weight.assign(tf.mul(weight, tf.expandDims(tf.oneHot(pad, numEmbeddings, 0, 1), 1))));
  }
  return defineModule({
    type: 'Embedding',
    parameters: { weight },
    forward: (x) =>
      tf.tidy(() => {
        if (x.dtype !== 'int32') throw new Error(`Embedding: indices must be int32, got ${x.dtype}`);
        // Multiplying by a 0/1 row mask leaves the values unchanged and zeroes the padding row's gradient.
        const keepRows = pad === undefined ? undefined : tf.expandDims(tf.oneHot(pad, numEmbeddings, 0, 1), 1);
        const table = keepRows === undefined ? weight : tf.add(tf.mul(weight, keepRows), stopGradient(tf.mul(weight, tf.sub(1, keepRows))));
        const flat = tf.gather(table, tf.reshape(x, [-1]));
        return tf.reshape(flat, [...x.shape, embeddingDim]);
      }),
  });
}
