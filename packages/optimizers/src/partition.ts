import type * as tf from '@tensorflow/tfjs-core';
import { assertOption, isStateLeaf, type State, type TensorMap, type Transform } from '@nnopt/core';
import { selectEntries } from './masked';

/**
 * How {@link partition} labels variables: a function of the name and parameter, or a record `name -> label`.
 */
export type ParamLabels = ((name: string, param: tf.Tensor) => string) | { readonly [name: string]: string };

/**
 * Routes each variable to the transform of its label (optax `partition`, formerly `multi_transform`): PyTorch's
 * param groups, e.g. `partition({ decay: chain(scaleByAdam(), addDecayedWeights(1e-2), scaleByLearningRate(1e-3)),
 * noDecay: chain(scaleByAdam(), scaleByLearningRate(1e-3)) }, (name, p) => (p.rank > 1 ? 'decay' : 'noDecay'))`. Each transform is initialized with, and only ever sees, the
 * variables of its label; the state is `{ [label]: state of that label's transform }`.
 *
 * Every variable must get a label of `transforms`: `init` (and `update`, for a variable it did not see) throws an
 * `Error` naming the variable and its label otherwise.
 *
 * @throws RangeError naming `transforms` when it is empty or a label contains `/` (state paths use `/`).
 */
export function partition(transforms: { readonly [label: string]: Transform }, paramLabels: ParamLabels): Transform {
  const labels = Object.keys(transforms);
  assertOption(labels.length > 0, 'transforms', '{}', 'a non-empty record of transforms');
  for (const label of labels) assertOption(!label.includes('/'), 'transforms', label, "labels without '/'");
  const labelOf = (name: string, param: tf.Tensor): string => {
    const label = typeof paramLabels === 'function' ? paramLabels(name, param) : paramLabels[name];
    if (label === undefined || !(label in transforms)) {
      throw new Error(`partition: variable '${name}' has label ${JSON.stringify(label)}, expected one of ${labels.join(', ')}`);
    }
    return label;
  };
  return {
    init(params) {
      for (const [name, p] of Object.entries(params)) labelOf(name, p);
      const state: Record<string, State> = {};
      for (const [label, t] of Object.entries(transforms)) state[label] = t.init(selectEntries(params, params, (n, p) => labelOf(n, p) === label));
      return state;
    },
    update(updates, state, params) {
      for (const [name, g] of Object.entries(updates)) labelOf(name, params[name] ?? g);
      const out: TensorMap = {};
      const next: Record<string, State> = {};
      for (const [label, t] of Object.entries(transforms)) {
        const inner = state[label];
        if (inner === undefined || isStateLeaf(inner)) throw new Error(`partition state has no entry '${label}': was it built by this partition's init?`);
        const chosen = (n: string, p: tf.Tensor) => labelOf(n, p) === label;
        const result = t.update(selectEntries(updates, params, chosen), inner, selectEntries(params, params, chosen));
        Object.assign(out, result.updates);
        next[label] = result.state;
      }
      return { updates: out, state: next };
    },
  };
}
