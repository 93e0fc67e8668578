import type * as tf from '@tensorflow/tfjs-core';
import type { TensorMap } from '@nnopt/core';

/**
 * The state tensor of `name` in `map`, or an `Error` naming the variable (a gradient for a variable the transform
 * was not initialized with). Internal to the package.
 */
export function stateEntry(map: TensorMap, name: string, what: string): tf.Tensor {
  const tensor = map[name];
  if (tensor === undefined) throw new Error(`${what} has no state for variable '${name}': was it initialized with it?`);
  return tensor;
}
