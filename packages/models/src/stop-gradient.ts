import * as tf from '@tensorflow/tfjs-core';

/** Identity in the forward pass, zero gradient (tfjs-core has no `stopGradient` op; this is `x.detach()`). */
export const stopGradient: (x: tf.Tensor) => tf.Tensor = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
  value: tf.clone(args[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as (x: tf.Tensor) => tf.Tensor;
