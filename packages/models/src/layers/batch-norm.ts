import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertInteger, assertPositive } from '@nnopt/core';
import { defineModule, type Module } from '../module';
import { createBuffer } from '../parameter';
import { channelSum } from './channel-sum';

/** Options of {@link batchNorm1d} and {@link batchNorm2d}. */
export interface BatchNormOptions {
  numFeatures: number;
  /** Added to the variance. Default 1e-5. */
  eps?: number;
  /** Weight of the new batch statistic in the running average (PyTorch's convention, not Keras'). Default 0.1. */
  momentum?: number;
  /** Learn `weight` (init 1) and `bias` (init 0). Default true. */
  affine?: boolean;
  /** Keep `running_mean`, `running_var`, `num_batches_tracked`; without them eval uses batch statistics. Default true. */
  trackRunningStats?: boolean;
}

function batchNorm(type: string, ranks: readonly number[], layout: string, options: BatchNormOptions): Module {
  const { numFeatures, eps = 1e-5, momentum = 0.1, affine = true, trackRunningStats = true } = options;
  assertInteger('numFeatures', numFeatures, 1);
  assertPositive('eps', eps);
  assertInRange('momentum', momentum, 0, 1.000001);
  const parameters: Record<string, tf.Variable> = {};
  if (affine) {
    parameters.weight = createBuffer(tf.ones([numFeatures]), true);
    parameters.bias = createBuffer(tf.zeros([numFeatures]), true);
  }
  const buffers: Record<string, tf.Variable> = {};
  if (trackRunningStats) {
    buffers.running_mean = createBuffer(tf.zeros([numFeatures]));
    buffers.running_var = createBuffer(tf.ones([numFeatures]));
    buffers.num_batches_tracked = createBuffer(tf.scalar(0, 'int32'));
  }
  return defineModule({
    type,
    parameters,
    buffers,
    forward: (x, { training }) =>
      tf.tidy(() => {
        if (!ranks.includes(x.rank) || x.shape[x.rank - 1] !== numFeatures) {
          throw new Error(`${type}: input must be ${layout} with ${numFeatures} channels last, got [${x.shape.join(', ')}]`);
        }
        const affineParams = affine ? { weight: parameters.weight!, bias: parameters.bias! } : null;
        if (training || !trackRunningStats) {
          return normalizeBatch(x, affineParams, eps, (mean, variance) => {
            if (!training || !trackRunningStats) return;
            // Running variance uses the unbiased batch variance, normalization the biased one (as PyTorch).
            const n = x.size / numFeatures;
            const unbiased = tf.mul(variance, n / Math.max(n - 1, 1));
            buffers.running_mean!.assign(tf.add(tf.mul(buffers.running_mean!, 1 - momentum), tf.mul(mean, momentum)));
            buffers.running_var!.assign(tf.add(tf.mul(buffers.running_var!, 1 - momentum), tf.mul(unbiased, momentum)));
            buffers.num_batches_tracked!.assign(tf.add(buffers.num_batches_tracked!, tf.scalar(1, 'int32')));
          });
        }
        // Per-channel scale first, then two full-size passes (wasm's FusedBatchNorm kernel is slower than these).
        const invStd = tf.rsqrt(tf.add(buffers.running_var!, eps));
        const centered = tf.sub(x, buffers.running_mean!);
        if (!affineParams) return tf.mul(centered, invStd);
        return tf.add(tf.mul(centered, tf.mul(affineParams.weight, invStd)), affineParams.bias);
      }),
  });
}

/**
 * Batch normalization with batch statistics over every axis but the last and a hand-written gradient. With `c = x - mean`,
 * `s = weight / sqrt(var + eps)` (biased variance, `n` elements per channel) the forward is `y = c s + bias` and
 *
 *   dbias = Σ dy,   dweight = Σ dy c / sqrt(var + eps),   dx = s dy - (s / (var + eps)) (Σ dy c / n) c - s (Σ dy / n)
 *
 * (sums per channel, by {@link channelSum}): backward two reductions and five elementwise passes, forward two reductions and four passes,
 * where differentiating the composed ops takes about twice as many full-size kernels. `onStatistics(mean, var)`
 * sees the batch statistics inside the forward (for running averages); they are disposed after it returns.
 */
function normalizeBatch(
  x: tf.Tensor,
  affine: { weight: tf.Tensor; bias: tf.Tensor } | null,
  eps: number,
  onStatistics: (mean: tf.Tensor, variance: tf.Tensor) => void,
): tf.Tensor {
  const n = x.size / x.shape[x.rank - 1]!;
  // tfjs types the custom-gradient function's arguments as a union: the tensors, then `save`.
  const normalize = tf.customGrad(((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [input, weight, bias] = args as tf.Tensor[];
    const mean = tf.div(channelSum(input!), n);
    const centered = tf.sub(input!, mean);
    const variance = tf.div(channelSum(tf.square(centered)), n);
    onStatistics(mean, variance);
    const invStd = tf.rsqrt(tf.add(variance, eps));
    const scale = weight ? tf.mul(weight, invStd) : invStd;
    save([centered, invStd, scale]);
    return {
      value: bias ? tf.add(tf.mul(centered, scale), bias) : tf.mul(centered, scale),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [c, inv, s] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const dBias = channelSum(dy);
        const dyDotC = channelSum(tf.mul(dy, c));
        const perC = tf.mul(s, tf.mul(tf.square(inv), tf.div(dyDotC, n)));
        const dx = tf.sub(tf.mul(dy, s), tf.add(tf.mul(c, perC), tf.mul(s, tf.div(dBias, n))));
        return weight ? [dx, tf.mul(dyDotC, inv), dBias] : [dx];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return affine ? normalize(x, affine.weight, affine.bias) : normalize(x);
}

/**
 * `torch.nn.BatchNorm1d` on `[N, C]` or `[N, L, C]` (channels last): `y = (x - mean) / sqrt(var + eps) * weight +
 * bias` with batch statistics over every axis but the last in training (biased variance), running statistics in
 * eval. Training updates `running = (1 - momentum) * running + momentum * batch` (unbiased variance) and
 * `num_batches_tracked += 1`. Ioffe & Szegedy 2015, https://arxiv.org/abs/1502.03167.
 */
export function batchNorm1d(options: BatchNormOptions): Module {
  return batchNorm('BatchNorm1d', [2, 3], '[N, C] or [N, L, C]', options);
}

/** `torch.nn.BatchNorm2d` on NHWC `[N, H, W, C]`: statistics over N, H, W per channel; otherwise as {@link batchNorm1d}. */
export function batchNorm2d(options: BatchNormOptions): Module {
  return batchNorm('BatchNorm2d', [4], 'NHWC [N, H, W, C]', options);
}
