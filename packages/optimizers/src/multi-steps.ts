import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, mapTensors, type State, type TensorMap, type Transform } from '@nnopt/core';
import { stateEntry } from './state-entry';

/** Options of {@link multiSteps}. */
export interface MultiStepsOptions {
  /** Number `k` of micro-batches accumulated per real step. Required, integer >= 1. */
  everyK: number;
}

/** State of {@link multiSteps}: gradient sums, which variables got one, the micro-step and the inner state. */
export type MultiStepsState<S extends State = State> = {
  readonly inner: S;
  readonly acc: TensorMap;
  readonly seen: { readonly [name: string]: number };
  readonly miniStep: number;
};

/**
 * Gradient accumulation over `k` micro-batches (optax `MultiSteps`; PyTorch's "call `backward` k times, then
 * `step`"):
 *
 * `a <- a + g` on every call; on calls `1..k-1` of a cycle the updates are 0 and `inner` does not run; on call `k`,
 * `inner` runs once on the mean `a / k` and its updates are applied, then `a <- 0`.
 *
 * So `k` micro-batches of size `b` give the step of one batch of size `k b` when the loss is a mean. A variable
 * with no gradient in a micro-batch contributes 0 to the mean; one with none in the whole cycle is not passed to
 * `inner` (its inner state stays unchanged). The micro-step lives on the host: no device sync.
 *
 * @throws RangeError naming `everyK` when it is not an integer >= 1.
 */
export function multiSteps<S extends State>(inner: Transform<S>, { everyK }: MultiStepsOptions): Transform<MultiStepsState<S>> {
  assertInteger('everyK', everyK, 1);
  return {
    init: (params) => ({
      inner: inner.init(params),
      acc: mapTensors(params, (p) => tf.zerosLike(p)),
      seen: Object.fromEntries(Object.keys(params).map((name) => [name, 0])),
      miniStep: 0,
    }),
    update(updates, state, params) {
      const acc: TensorMap = { ...state.acc };
      const seen = { ...state.seen };
      for (const [name, g] of Object.entries(updates)) {
        acc[name] = tf.add(stateEntry(state.acc, name, 'multiSteps'), g);
        seen[name] = 1;
      }
      const miniStep = state.miniStep + 1;
      if (miniStep < everyK) {
        return { updates: mapTensors(updates, (g) => tf.zerosLike(g)), state: { inner: state.inner, acc, seen, miniStep } };
      }
      const mean: TensorMap = {};
      for (const [name, sum] of Object.entries(acc)) {
        if (seen[name] !== 1) continue;
        mean[name] = tf.div(sum, everyK);
        acc[name] = tf.zerosLike(sum);
        seen[name] = 0;
      }
      const result = inner.update(mean, state.inner, params);
      return { updates: result.updates, state: { inner: result.state, acc, seen, miniStep: 0 } };
    },
  };
}
