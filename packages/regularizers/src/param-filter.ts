import type * as tf from '@tensorflow/tfjs-core';

/**
 * Chooses which variables a penalty or constraint touches: called with each variable's name (PyTorch
 * `state_dict` style, e.g. `layer1.0.conv1.weight`) and tensor; `true` keeps it.
 */
export type ParamFilter = (name: string, param: tf.Tensor) => boolean;

const noDecaySegment = /^(bias|bn\d*|ln(_\w+|\d*)|\w*norm\w*|running_(mean|var)|num_batches_tracked)$/i;

/**
 * The usual no-decay rule (timm `param_groups_weight_decay`, nanoGPT, BERT): only weight matrices and kernels are
 * regularized. `true` when `param.rank >= 2` and no dot-separated segment of `name` is `bias`, `bn<k>`,
 * `ln<k>`/`ln_*`, contains `norm`, or is a BatchNorm buffer, so biases, normalization scales/shifts and running
 * statistics are excluded. The default `filter` of every penalty and constraint of this package.
 */
export const isDecayable: ParamFilter = (name, param) =>
  param.rank >= 2 && !name.split('.').some((segment) => noDecaySegment.test(segment));

/** Every float variable: the filter to pass when a penalty or constraint should apply to all of them. */
export const allParams: ParamFilter = () => true;
