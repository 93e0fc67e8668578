import type * as tf from '@tensorflow/tfjs-core';
import type { State } from './state';
import type { TensorMap } from './tensor-map';

/**
 * A gradient transformation (optax's `GradientTransformation`): a pure pair of functions.
 *
 * - `init(params)` builds the initial state for the named parameters.
 * - `update(updates, state, params)` maps incoming updates (gradients at the head of a chain) to outgoing updates
 *   and the next state. The caller adds the final updates to the parameters: `p <- p + u`, so a descent
 *   transform ends by scaling with `-learningRate`.
 *
 * Transforms never dispose their inputs and never keep tensors outside their state: the caller runs `update`
 * inside `tf.tidy`, keeps the returned tensors and disposes replaced state (see `@nnopt/optimizers`'
 * `applyTransform`). A transform may return state tensors it received unchanged.
 */
export interface Transform<S extends State = State> {
  init(params: TensorMap): S;
  update(updates: TensorMap, state: S, params: TensorMap): TransformResult<S>;
}

/** What {@link Transform.update} returns. */
export interface TransformResult<S extends State = State> {
  readonly updates: TensorMap;
  readonly state: S;
}

/** Convenience alias for a map of parameters held in variables. */
export type ParamMap = TensorMap<tf.Variable>;
