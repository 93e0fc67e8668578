import * as tf from '@tensorflow/tfjs-core';
import { isStateLeaf, type State, type StateLeaf } from '@nnopt/core';

// Internal helpers of the tf.Optimizer adapter: state trees whose keys may be variable names.

/** Escapes `%` and `/` in a state key, so variable names such as `dense/kernel` survive `flattenState`. */
export function escapeKey(key: string): string {
  return key.replace(/%/g, '%25').replace(/\//g, '%2F');
}

/** Inverse of {@link escapeKey}. */
export function unescapeKey(key: string): string {
  return key.replace(/%2F/g, '/').replace(/%25/g, '%');
}

/** Copies a state tree, renaming every key with `rename` and mapping every leaf with `leaf`. */
export function mapTree(state: State, rename: (key: string) => string, leaf: (l: StateLeaf) => StateLeaf): State {
  const out: Record<string, StateLeaf | State> = {};
  for (const [key, node] of Object.entries(state)) {
    out[rename(key)] = isStateLeaf(node) ? leaf(node) : mapTree(node, rename, leaf);
  }
  return out;
}

/**
 * Adds to `target` the entries of `source` it lacks (a deep merge that keeps existing leaves). Returns the merged
 * tree and the tensors of `source` left unused, which the caller disposes.
 */
export function mergeMissing(target: State, source: State): { merged: State; unused: tf.Tensor[] } {
  const unused: tf.Tensor[] = [];
  const merge = (t: State, s: State): State => {
    const out: Record<string, StateLeaf | State> = { ...t };
    for (const [key, node] of Object.entries(s)) {
      const existing = t[key];
      if (existing === undefined) out[key] = node;
      else if (!isStateLeaf(existing) && !isStateLeaf(node)) out[key] = merge(existing, node);
      else if (typeof node !== 'number' && isStateLeaf(node)) unused.push(node);
      else if (!isStateLeaf(node)) unused.push(...tensorsOf(node));
    }
    return out;
  };
  return { merged: merge(target, source), unused };
}

function tensorsOf(state: State): tf.Tensor[] {
  return Object.values(state).flatMap((node) =>
    isStateLeaf(node) ? (typeof node === 'number' ? [] : [node]) : tensorsOf(node),
  );
}

/** Every key at any depth of a state tree. */
export function treeKeys(state: State, into: Set<string> = new Set()): Set<string> {
  for (const [key, node] of Object.entries(state)) {
    into.add(key);
    if (!isStateLeaf(node)) treeKeys(node, into);
  }
  return into;
}

/**
 * Checks that `candidate` has exactly the structure of `reference`: the same keys, numbers where it has numbers
 * and tensors of the same shape and dtype where it has tensors. With `numbersAsTensors`, a scalar tensor stands
 * for a number (tfjs' `setWeights` format). Throws an `Error` naming the entry and, when the path holds one, the
 * variable (`variables` lists the escaped variable names).
 */
export function assertSameStructure(
  reference: State,
  candidate: State,
  variables: ReadonlySet<string>,
  numbersAsTensors = false,
  path: string[] = [],
): void {
  const where = (keys: string[]) => {
    const variable = keys.find((k) => variables.has(k));
    return `'${keys.join('/')}'` + (variable === undefined ? '' : ` (variable '${unescapeKey(variable)}')`);
  };
  // Unknown entries (another model's variables) are reported before missing ones: they name the culprit.
  if (path.length === 0) assertNoExtra(reference, candidate, where, []);
  for (const [key, ref] of Object.entries(reference)) {
    const keys = [...path, key];
    const cand = candidate[key];
    if (cand === undefined) throw new Error(`state entry ${where(keys)} is missing`);
    if (!isStateLeaf(ref)) {
      if (isStateLeaf(cand)) throw new Error(`state entry ${where(keys)} must be a subtree, got a leaf`);
      assertSameStructure(ref, cand, variables, numbersAsTensors, keys);
    } else if (typeof ref === 'number') {
      const ok = typeof cand === 'number' || (numbersAsTensors && isStateLeaf(cand) && cand.size === 1);
      if (!ok) throw new Error(`state entry ${where(keys)} must be a number`);
    } else {
      if (typeof cand === 'number' || !isStateLeaf(cand)) throw new Error(`state entry ${where(keys)} must be a tensor`);
      if (cand.shape.join() !== ref.shape.join() || cand.rank !== ref.rank) {
        throw new Error(`state entry ${where(keys)} has shape [${cand.shape.join(', ')}], expected [${ref.shape.join(', ')}]`);
      }
      if (cand.dtype !== ref.dtype) throw new Error(`state entry ${where(keys)} has dtype ${cand.dtype}, expected ${ref.dtype}`);
    }
  }
}

function assertNoExtra(reference: State, candidate: State, where: (keys: string[]) => string, path: string[]): void {
  for (const [key, node] of Object.entries(candidate)) {
    const ref = reference[key];
    if (ref === undefined) {
      throw new Error(
        `state entry ${where([...path, key])} does not match this optimizer: it has no variable or state named '${unescapeKey(key)}' there`,
      );
    }
    if (!isStateLeaf(ref) && !isStateLeaf(node)) assertNoExtra(ref, node, where, [...path, key]);
  }
}
