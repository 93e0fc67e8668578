import type * as tf from '@tensorflow/tfjs-core';
import type { State, TensorMap, Transform } from '@nnopt/core';
import { selects, type ParamSelector } from './param-selector';

/** The entries of `map` whose variable `selector` chooses (`params` gives the tensor the selector sees). */
export function selectEntries<T extends tf.Tensor>(map: TensorMap<T>, params: TensorMap, keep: (name: string, param: tf.Tensor) => boolean): TensorMap<T> {
  const out: TensorMap<T> = {};
  for (const [name, tensor] of Object.entries(map)) if (keep(name, params[name] ?? tensor)) out[name] = tensor;
  return out;
}

/**
 * Applies `inner` only to the variables `mask` chooses; the updates of all other variables pass through unchanged
 * (optax `masked`). `inner` is initialized with, and only ever sees, the chosen variables, so its state holds
 * nothing for the others. Typical: `masked(addDecayedWeights(...), (name, p) => p.rank > 1)` to exempt biases.
 *
 * `mask` is a {@link ParamSelector}: a list of names, a `RegExp` on the name, or a predicate `(name, param)`.
 * The state is `inner`'s state.
 */
export function masked<S extends State>(inner: Transform<S>, mask: ParamSelector): Transform<S> {
  const keep = (name: string, param: tf.Tensor) => selects(mask, name, param);
  return {
    init: (params) => inner.init(selectEntries(params, params, keep)),
    update(updates, state, params) {
      const chosen = selectEntries(updates, params, keep);
      const result = inner.update(chosen, state, selectEntries(params, params, keep));
      return { updates: { ...updates, ...result.updates }, state: result.state };
    },
  };
}
