import type * as tf from '@tensorflow/tfjs-core';
import type { TensorMap, Transform } from '@nnopt/core';

/** One variable's slice of a per-variable state: tensors and step counters by slot name. */
export type Slots<K extends string> = { [slot in K]: tf.Tensor | number };

/** A per-variable state laid out optax-style: `{ slot: { variableName: leaf } }`. */
export type PerVariableState<K extends string> = { readonly [slot in K]: { readonly [name: string]: tf.Tensor | number } };

/** The single-tensor rule of a per-variable transform (PyTorch's `_single_tensor_*` functions). */
export interface PerVariableRule<K extends string> {
  init(param: tf.Tensor): Slots<K>;
  update(grad: tf.Tensor, slots: Slots<K>, param: tf.Tensor, name: string): { update: tf.Tensor; slots: Slots<K> };
}

/**
 * Builds a transform from a rule applied to each variable independently. The state is `{ slot: { name: leaf } }`
 * (e.g. `{ count: { w: 3 }, mu: { w: Tensor } }`); variables without a gradient keep their slots unchanged, so step
 * counters are per variable as in PyTorch. Internal to the package.
 */
export function perVariable<K extends string>(
  what: string,
  slotNames: readonly K[],
  rule: PerVariableRule<K>,
): Transform<PerVariableState<K>> {
  return {
    init(params) {
      const state = Object.fromEntries(slotNames.map((k) => [k, {} as { [name: string]: tf.Tensor | number }]));
      for (const [name, param] of Object.entries(params)) {
        const slots = rule.init(param);
        for (const k of slotNames) state[k]![name] = slots[k];
      }
      return state as PerVariableState<K>;
    },
    update(updates, state, params) {
      const next: { [slot: string]: { [name: string]: tf.Tensor | number } } = {};
      for (const k of slotNames) next[k] = { ...state[k] };
      const out: TensorMap = {};
      for (const [name, grad] of Object.entries(updates)) {
        const param = params[name];
        if (param === undefined) throw new Error(`${what}: no parameter named '${name}'`);
        const slots = {} as { [slot: string]: tf.Tensor | number };
        for (const k of slotNames) {
          const leaf = state[k][name];
          if (leaf === undefined) throw new Error(`${what} has no state for variable '${name}': was it initialized with it?`);
          slots[k] = leaf;
        }
        const result = rule.update(grad, slots as Slots<K>, param, name);
        out[name] = result.update;
        for (const k of slotNames) next[k]![name] = result.slots[k];
      }
      return { updates: out, state: next as PerVariableState<K> };
    },
  };
}
