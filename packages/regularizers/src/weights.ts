import * as tf from '@tensorflow/tfjs-core';
import { assertSameShape, type State, type TensorMap } from '@nnopt/core';

/** The float variables a weight-averaging callback tracks: trainable ones, plus buffers when `useBuffers`. */
export function selectVariables(variables: TensorMap<tf.Variable>, useBuffers: boolean): TensorMap<tf.Variable> {
  const out: TensorMap<tf.Variable> = {};
  for (const [name, v] of Object.entries(variables)) if (v.dtype === 'float32' && (useBuffers || v.trainable)) out[name] = v;
  return out;
}

/** Copies of the tensors of `map` (new tensors the caller owns, made outside any tidy scope). */
export function cloneMap(map: TensorMap): TensorMap {
  const out: TensorMap = {};
  for (const [name, t] of Object.entries(map)) out[name] = tf.keep(tf.clone(t));
  return out;
}

/**
 * Assigns `values[name]` to each variable named in `values`. Every name and shape is checked before the first
 * assignment, so a mismatch (an Error naming the variable and `who`) changes nothing.
 */
export function assignMap(variables: TensorMap<tf.Variable>, values: TensorMap, who: string): void {
  for (const [name, value] of Object.entries(values)) {
    const v = variables[name];
    if (v === undefined) throw new Error(`${who}: the model has no variable '${name}'`);
    assertSameShape(`${who}: '${name}'`, v.shape, value.shape);
  }
  for (const [name, value] of Object.entries(values)) variables[name]!.assign(value);
}

/** Reads a `{ name: tensor }` subtree of a loaded state, as copies the callback owns. */
export function loadTensorMap(state: State, key: string, who: string): TensorMap {
  const node = state[key];
  if (node === undefined) return {};
  if (typeof node === 'number' || node instanceof tf.Tensor) throw new Error(`${who}: state '${key}' must be a map of tensors`);
  const out: TensorMap = {};
  for (const [name, t] of Object.entries(node)) {
    if (!(t instanceof tf.Tensor)) throw new Error(`${who}: state '${key}/${name}' must be a tensor`);
    out[name] = tf.keep(tf.clone(t));
  }
  return out;
}

/** Reads a number leaf of a loaded state (an Error naming it when absent or not a number). */
export function loadNumber(state: State, key: string, who: string): number {
  const v = state[key];
  if (typeof v !== 'number') throw new Error(`${who}: state '${key}' must be a number, got ${typeof v}`);
  return v;
}

/**
 * The swap-in/swap-out pair of the averaging callbacks: `swapIn` copies the current values of the variables named
 * in `values` (or of `all` of them) aside and assigns `values`; `swapOut` assigns the copies back and frees them.
 */
export function swapper(who: string) {
  let backup: TensorMap | undefined;
  let target: TensorMap<tf.Variable> | undefined;
  return {
    get active(): boolean {
      return backup !== undefined;
    },
    swapIn(variables: TensorMap<tf.Variable>, values: TensorMap, keep: TensorMap<tf.Variable> = variables): void {
      if (backup) throw new Error(`${who}.swapIn: the averaged weights are already swapped in`);
      for (const [name, value] of Object.entries(values)) {
        const v = variables[name];
        if (v === undefined) throw new Error(`${who}.swapIn: the model has no variable '${name}'`);
        assertSameShape(`${who}.swapIn: '${name}'`, v.shape, value.shape);
      }
      backup = cloneMap(keep);
      target = variables;
      assignMap(variables, values, `${who}.swapIn`);
    },
    swapOut(): void {
      if (!backup || !target) throw new Error(`${who}.swapOut: the averaged weights are not swapped in`);
      assignMap(target, backup, `${who}.swapOut`);
      disposeMap(backup);
      backup = undefined;
      target = undefined;
    },
    dispose(): void {
      if (backup) disposeMap(backup);
      backup = undefined;
      target = undefined;
    },
  };
}

function disposeMap(map: TensorMap): void {
  for (const t of Object.values(map)) t.dispose();
}
