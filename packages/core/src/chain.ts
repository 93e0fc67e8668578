import { isStateLeaf, type State } from './state';
import type { TensorMap } from './tensor-map';
import type { Transform } from './transform';

/**
 * Composes transforms left to right: the updates of each feed the next, `u <- t_n(...t_2(t_1(g)))`. The state of
 * `chain(a, b)` is `{ 0: stateA, 1: stateB }`, keyed by position in the chain (the chain's order is the algorithm).
 */
export function chain(...transforms: Transform[]): Transform {
  return {
    init(params) {
      const state: Record<string, State> = {};
      transforms.forEach((t, i) => (state[i] = t.init(params)));
      return state;
    },
    update(updates, state, params) {
      let current: TensorMap = updates;
      const next: Record<string, State> = {};
      transforms.forEach((t, i) => {
        const inner = state[i];
        if (inner === undefined || isStateLeaf(inner)) {
          throw new Error(`chain state has no entry ${i}: was it built by this chain's init?`);
        }
        const result = t.update(current, inner, params);
        current = result.updates;
        next[i] = result.state;
      });
      return { updates: current, state: next };
    },
  };
}

/** The transform that passes updates through and keeps no state. */
export function identity(): Transform {
  return { init: () => ({}), update: (updates) => ({ updates, state: {} }) };
}
