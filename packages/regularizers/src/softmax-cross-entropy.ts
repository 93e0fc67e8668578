import * as tf from '@tensorflow/tfjs-core';
import { assertOption } from '@nnopt/core';
import { checkClassIndices, smoothLabels, smoothSparseLabels } from './label-smoothing';

/** Options of {@link softmaxCrossEntropy}. */
export interface SoftmaxCrossEntropyOptions {
  /** PyTorch `label_smoothing` in [0, 1] (default 0). */
  readonly labelSmoothing?: number;
  /** `'mean'` over the batch (default), `'sum'`, or `'none'` (one loss per sample, shape `[N]`). */
  readonly reduction?: 'mean' | 'sum' | 'none';
}

/**
 * Softmax cross-entropy from logits, `torch.nn.functional.cross_entropy` with `label_smoothing`:
 * `l_i = -sum_k t_ik log softmax(z_i)_k` with the smoothed targets `t = (1 - eps) y + eps / K`, where `y` is the
 * one-hot of sparse `targets` (int32 `[N]`) or the given probabilities (float32 `[N, K]`). Computed as
 * `z - logSumExp(z)`, so it is stable for large logits and differentiable in `logits`.
 *
 * `logits` must be float32 `[N, K]`. Class weights and `ignore_index` are not supported. Bad shapes, dtypes,
 * out-of-range labels or options throw before any work (RangeError naming the option).
 *
 * Szegedy et al. 2016 (label smoothing), https://arxiv.org/abs/1512.00567
 */
export function softmaxCrossEntropy(
  logits: tf.Tensor,
  targets: tf.Tensor,
  { labelSmoothing = 0, reduction = 'mean' }: SoftmaxCrossEntropyOptions = {},
): tf.Tensor {
  assertOption(
    Number.isFinite(labelSmoothing) && labelSmoothing >= 0 && labelSmoothing <= 1,
    'labelSmoothing',
    labelSmoothing,
    'in [0, 1]',
  );
  assertOption(['mean', 'sum', 'none'].includes(reduction), 'reduction', reduction, "'mean', 'sum' or 'none'");
  if (logits.rank !== 2 || logits.dtype !== 'float32') {
    throw new Error(`softmaxCrossEntropy: logits must be float32 [N, K], got ${logits.dtype} [${logits.shape.join(', ')}]`);
  }
  const [n, k] = logits.shape as [number, number];
  const sparse = targets.rank === 1;
  if (sparse) {
    if (targets.shape[0] !== n) throw new Error(`softmaxCrossEntropy: targets have ${targets.shape[0]} labels for ${n} rows of logits`);
    checkClassIndices('softmaxCrossEntropy', targets, k);
  } else if (targets.rank !== 2 || targets.shape[0] !== n || targets.shape[1] !== k || targets.dtype !== 'float32') {
    throw new Error(
      `softmaxCrossEntropy: targets must be int32 [${n}] or float32 [${n}, ${k}], got ${targets.dtype} [${targets.shape.join(', ')}]`,
    );
  }
  return tf.tidy(() => {
    const t = sparse ? smoothSparseLabels(targets, k, labelSmoothing) : smoothLabels(targets, labelSmoothing);
    // z - logSumExp(z) rather than tf.logSoftmax, whose wasm path leaks a tensor (tfjs-core 4.22, seen in IS_TEST).
    const logProbs = tf.sub(logits, tf.logSumExp(logits, -1, true));
    const losses = tf.neg(tf.sum(tf.mul(t, logProbs), -1));
    return reduction === 'none' ? losses : reduction === 'sum' ? tf.sum(losses) : tf.mean(losses);
  });
}
