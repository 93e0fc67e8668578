import type * as tf from '@tensorflow/tfjs-core';

/**
 * Chooses variables: a list of names, a `RegExp` tested on the name, or a predicate of the name and the parameter
 * tensor (e.g. `(name, p) => p.rank > 1` for "weights, not biases"). PyTorch's param groups, by name.
 */
export type ParamSelector = readonly string[] | RegExp | ((name: string, param: tf.Tensor) => boolean);

/** Whether `selector` chooses the variable `name`. */
export function selects(selector: ParamSelector, name: string, param: tf.Tensor): boolean {
  if (typeof selector === 'function') return selector(name, param);
  if (selector instanceof RegExp) {
    selector.lastIndex = 0;
    return selector.test(name);
  }
  return (selector as readonly string[]).includes(name);
}
