import type * as tf from '@tensorflow/tfjs-core';

/**
 * A state tree: tensors and plain numbers (step counters, skip counts) under string keys, nested to any depth.
 * Optimizer and callback states are state trees, so one codec saves them all.
 */
export type State = { readonly [key: string]: StateLeaf | State };

/** A leaf of a state tree. Numbers stay on the host so schedules can read step counters without a device sync. */
export type StateLeaf = tf.Tensor | number;

/** Whether a state tree node is a leaf. */
export function isStateLeaf(node: StateLeaf | State): node is StateLeaf {
  return typeof node === 'number' || isTensor(node);
}

function isTensor(node: unknown): node is tf.Tensor {
  return typeof node === 'object' && node !== null && 'dataSync' in node && 'shape' in node;
}

/**
 * Flattens a state tree into `path -> leaf`, joining keys with `/` (`adam/mu/dense.kernel`). Keys containing `/`
 * are rejected so the flattening can be undone.
 */
export function flattenState(state: State, prefix = ''): Map<string, StateLeaf> {
  const out = new Map<string, StateLeaf>();
  for (const [key, node] of Object.entries(state)) {
    if (key.includes('/')) throw new Error(`state key '${prefix}${key}' must not contain '/'`);
    const path = prefix + key;
    if (isStateLeaf(node)) out.set(path, node);
    else for (const [p, leaf] of flattenState(node, `${path}/`)) out.set(p, leaf);
  }
  return out;
}

/** Rebuilds a state tree from `path -> leaf` entries written by {@link flattenState}. */
export function unflattenState(entries: Iterable<[string, StateLeaf]>): State {
  const root: Record<string, unknown> = {};
  for (const [path, leaf] of entries) {
    const keys = path.split('/');
    let node = root;
    for (const key of keys.slice(0, -1)) {
      const next = (node[key] ??= {});
      if (typeof next !== 'object' || next === null || isStateLeaf(next as StateLeaf)) {
        throw new Error(`state path '${path}' crosses the leaf '${key}'`);
      }
      node = next as Record<string, unknown>;
    }
    node[keys[keys.length - 1]!] = leaf;
  }
  return root as State;
}

/** Every tensor of a state tree, in key order. */
export function stateTensors(state: State): tf.Tensor[] {
  return [...flattenState(state).values()].filter((leaf): leaf is tf.Tensor => typeof leaf !== 'number');
}
