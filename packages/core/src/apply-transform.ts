import * as tf from '@tensorflow/tfjs-core';
import { stateTensors, type State } from './state';
import { assertSameShape, type TensorMap } from './tensor-map';
import type { Transform } from './transform';

/**
 * Runs one step of `transform` and owns its memory: validates the gradients, runs `update` inside `tf.tidy`,
 * assigns `p <- p + u` to each variable that has a gradient, and disposes the state tensors the step replaced.
 * Resolves to the new state, which the caller passes to the next step.
 *
 * A gradient for an unknown variable, of another shape or of a non-float dtype throws an `Error` naming the
 * variable before anything changes; if `update` itself throws, parameters and state are left as they were.
 * Variables without a gradient are skipped (PyTorch's `grad is None`); transforms keep their state unchanged.
 */
export function applyTransform<S extends State>(
  transform: Transform<S>,
  state: S,
  params: TensorMap<tf.Variable>,
  grads: TensorMap,
): S {
  for (const [name, grad] of Object.entries(grads)) {
    const param = params[name];
    if (param === undefined) throw new Error(`gradient for unknown variable '${name}'`);
    assertSameShape(`gradient of '${name}'`, param.shape, grad.shape);
    if (grad.dtype !== 'float32') throw new Error(`gradient of '${name}' has dtype ${grad.dtype}, expected float32`);
  }
  const { next, values } = tf.tidy(() => {
    const result = transform.update(grads, state, params);
    const values: TensorMap = {};
    for (const [name, update] of Object.entries(result.updates)) {
      const param = params[name];
      if (param === undefined) throw new Error(`transform produced an update for unknown variable '${name}'`);
      assertSameShape(`update of '${name}'`, param.shape, update.shape);
      values[name] = tf.add(param, update);
    }
    return { next: result.state as State, values };
  });
  for (const [name, value] of Object.entries(values)) {
    params[name]!.assign(value);
    value.dispose();
  }
  const kept = new Set(stateTensors(next));
  for (const tensor of stateTensors(state)) if (!kept.has(tensor)) tensor.dispose();
  return next as S;
}
