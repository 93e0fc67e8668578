import * as tf from '@tensorflow/tfjs-core';

/** A loss: logits or predictions and labels in, the batch-mean loss out. */
export type LossFn = (outputs: tf.Tensor, labels: tf.Tensor) => tf.Scalar;

/**
 * Softmax cross-entropy with integer class labels, averaged over the batch (PyTorch's `nn.CrossEntropyLoss()` with
 * class-index targets): `mean_i(logsumexp(z_i) - z_i[y_i])`.
 */
export function sparseSoftmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits);
    const picked = tf.sum(tf.mul(logProbs, tf.oneHot(tf.cast(labels, 'int32'), logits.shape[logits.rank - 1]!)), -1);
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}
