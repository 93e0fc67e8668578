import type * as tf from '@tensorflow/tfjs-core';
import type { PRNGKey } from '@nnopt/core';

/**
 * What a transform is called with. `key` seeds every random draw (per-sample parameters come from it, on the host);
 * it is required when `training` is true and ignored otherwise. `training: false` is evaluation mode: random
 * transforms are the identity, or their deterministic part (e.g. `randomCrop` becomes a center crop).
 */
export interface AugmentContext {
  readonly key?: PRNGKey;
  readonly training: boolean;
}

/**
 * A batch image transform: `apply(images, ctx)` takes an NHWC float32 batch and returns a new tensor (the caller owns
 * both; the input is never disposed). Per-sample parameters are drawn on the host from `ctx.key` and applied with
 * batched tensor ops, so a seed gives the same output on every backend.
 */
export interface ImageTransform {
  /** The transform's name, used in error messages (`randomCrop`, `compose`, ...). */
  readonly name: string;
  apply(images: tf.Tensor4D, ctx: AugmentContext): tf.Tensor4D;
}

/** Images and soft labels, as returned by the label-mixing transforms {@link MixTransform}. */
export interface MixedBatch {
  readonly images: tf.Tensor4D;
  /** Float32 `[N, numClasses]` soft targets. */
  readonly labels: tf.Tensor2D;
}

/**
 * A transform that mixes samples and therefore their labels too (`mixUp`, `cutMix`). `labels` are one-hot / soft
 * `[N, K]` float targets, or sparse int32 `[N]` class indices when the transform was given `numClasses`.
 */
export interface MixTransform {
  readonly name: string;
  apply(images: tf.Tensor4D, labels: tf.Tensor, ctx: AugmentContext): MixedBatch;
}
