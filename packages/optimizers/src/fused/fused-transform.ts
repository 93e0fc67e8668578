import * as tf from '@tensorflow/tfjs-core';
import { assertOption, valueAt, type State, type TensorMap, type Transform } from '@nnopt/core';
import type { HyperparamValues, InjectedTransform } from '../inject-hyperparams';
import { activeStorage, type Storage } from './storage';

/** What a {@link FusedRule} receives for one step. */
export interface FusedStepInput<H> {
  /** Hyperparameter values at this step (schedules evaluated), already validated by the composed factory. */
  readonly values: HyperparamValues<H>;
  /** The composed chain's state (the `inner` of `injectHyperparams`), laid out exactly as the chain builds it. */
  readonly state: State;
  /** The variables that have a gradient, by name. */
  readonly params: TensorMap<tf.Variable>;
  readonly grads: TensorMap;
  readonly storage: Storage;
}

/**
 * One named optimizer's fused step (internal): updates every parameter with a gradient in one pass over its storage
 * and returns the next chain state (same layout as the composed chain's, so `stateDict()` is the same either way),
 * or `undefined`, before writing anything, when it cannot run (a tensor on another backend, a missing state
 * entry), and the composed ops run instead.
 */
export type FusedRule<H> = (input: FusedStepInput<H>) => State | undefined;

/**
 * Gives a named optimizer's transform (`injectHyperparams(build, hyperparams)`) a fused path: on the cpu and wasm
 * backends `update` applies the step itself, in place, through `rule`, and returns no updates (core's
 * `applyTransform` then only disposes the state tensors the step replaced); on other backends, or when `rule`
 * declines, it is the composed transform. Hyperparameters are evaluated and validated exactly as
 * `injectHyperparams` does, before any write, so a bad scheduled value throws its `RangeError` and changes nothing.
 *
 * The result is meant to be an optimizer's whole transform (what `TransformOptimizer` runs); inside a larger
 * `chain`, use the composed transforms.
 */
export function withFusedPath<H extends { [name: string]: number | ((step: number) => number) }>(
  composed: InjectedTransform<H>,
  build: (values: HyperparamValues<H>) => Transform,
  rule: FusedRule<H>,
): InjectedTransform<H> {
  return {
    hyperparams: composed.hyperparams,
    init: (params) => composed.init(params),
    update(updates, state, params) {
      const storage = activeStorage();
      const variables = storage === undefined ? undefined : fusable(storage, updates, params);
      if (storage !== undefined && variables !== undefined) {
        const values: { [name: string]: number } = {};
        for (const [name, value] of Object.entries(composed.hyperparams)) {
          assertOption(typeof value === 'number' || typeof value === 'function', name, value, 'a number or a schedule');
          values[name] = valueAt(value, state.count);
        }
        build(values as HyperparamValues<H>);
        const inner = rule({ values: values as HyperparamValues<H>, state: state.inner, params: variables, grads: updates, storage });
        if (inner !== undefined) return { updates: {}, state: { count: state.count + 1, inner } };
      }
      return composed.update(updates, state, params);
    },
  };
}

/** The variables of `grads` when every one and its gradient are float32 data of `storage` of the same size. */
function fusable(storage: Storage, grads: TensorMap, params: TensorMap): TensorMap<tf.Variable> | undefined {
  const out: TensorMap<tf.Variable> = {};
  for (const [name, grad] of Object.entries(grads)) {
    const param = params[name];
    if (!(param instanceof tf.Variable) || param.size !== grad.size || !storage.holds(param) || !storage.holds(grad)) return undefined;
    out[name] = param;
  }
  return out;
}

/** `state[key]` as a map of per-variable leaves (a chain position or a slot), or `undefined`. */
export function child(state: State | undefined, key: string | number): State | undefined {
  const node = state?.[key];
  return node !== undefined && typeof node === 'object' && !(node instanceof tf.Tensor) ? (node as State) : undefined;
}

/** The tensor `map[name]` when it is float32 data of `storage` with `size` elements, else `undefined`. */
export function slotTensor(storage: Storage, map: State | undefined, name: string, size: number): tf.Tensor | undefined {
  const leaf = map?.[name];
  return leaf instanceof tf.Tensor && leaf.size === size && storage.holds(leaf) ? leaf : undefined;
}

/** The number `map[name]`, or `undefined`. */
export function slotCount(map: State | undefined, name: string): number | undefined {
  const leaf = map?.[name];
  return typeof leaf === 'number' ? leaf : undefined;
}

/**
 * The `trace` stage's per-variable step counts and momentum buffers at chain position `position` (empty maps when
 * the chain has no momentum stage), and the step count of `scaleByLearningRate` at `lrPosition` (`undefined` when
 * missing: the rule then declines).
 */
export function traceAndLr(
  state: State,
  position: string | undefined,
  lrPosition: string,
): { counts: State | undefined; traces: State | undefined; lrCount: number | undefined } {
  const traceState = position === undefined ? undefined : child(state, position);
  return { counts: child(traceState, 'count'), traces: child(traceState, 'trace'), lrCount: slotCount(child(state, lrPosition), 'count') };
}
