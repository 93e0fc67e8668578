import * as tf from '@tensorflow/tfjs-core';
import { decodeSafetensors, encodeSafetensors, type SafetensorsEntry } from './safetensors';
import { flattenState, isStateLeaf, unflattenState, type State, type StateLeaf } from './state';
import type { TensorMap } from './tensor-map';

const dtypeOf: Record<string, SafetensorsEntry['dtype']> = { float32: 'F32', int32: 'I32', bool: 'BOOL' };

async function toEntry(name: string, leaf: StateLeaf): Promise<SafetensorsEntry> {
  if (typeof leaf === 'number') return { dtype: 'F64', shape: [], data: Float64Array.of(leaf) };
  const dtype = dtypeOf[leaf.dtype];
  if (dtype === undefined) throw new Error(`'${name}': cannot serialize a ${leaf.dtype} tensor`);
  const data = (await leaf.data()) as Float32Array | Int32Array | Uint8Array;
  return { dtype, shape: leaf.shape, data };
}

function toTensor(entry: SafetensorsEntry): tf.Tensor {
  const dtype = entry.dtype === 'BOOL' ? 'bool' : entry.data instanceof Int32Array || entry.dtype === 'U8' ? 'int32' : 'float32';
  const values = entry.data instanceof Float64Array ? Float32Array.from(entry.data) : entry.data;
  return tf.tensor(values, [...entry.shape], dtype);
}

/** Serializes named tensors to safetensors bytes (float32, int32 and bool keep their exact bits). */
export async function saveTensors(tensors: TensorMap, metadata: { [key: string]: string } = {}): Promise<Uint8Array> {
  const entries: Record<string, SafetensorsEntry> = {};
  for (const [name, tensor] of Object.entries(tensors)) entries[name] = await toEntry(name, tensor);
  return encodeSafetensors(entries, metadata);
}

/**
 * Loads named tensors from safetensors bytes (e.g. written by `safetensors.torch.save_file`). F16/BF16/F64 are
 * widened or narrowed to float32, integer types become int32. The caller owns the returned tensors.
 */
export function loadTensors(bytes: Uint8Array, source?: string): { tensors: TensorMap; metadata: { [key: string]: string } } {
  const file = decodeSafetensors(bytes, source);
  const tensors: TensorMap = {};
  for (const [name, entry] of Object.entries(file.tensors)) tensors[name] = toTensor(entry);
  return { tensors, metadata: file.metadata };
}

/**
 * Serializes a state tree (optimizer, callback or trainer state) to safetensors bytes. Paths are joined with `/`;
 * number leaves are stored as F64 scalars, so step counters round-trip exactly and come back as numbers; empty
 * subtrees (a stateless transform's `{}`) are stored as zero-length F64 entries, so the tree's shape survives too.
 */
export async function saveState(state: State, metadata: { [key: string]: string } = {}): Promise<Uint8Array> {
  const entries: Record<string, SafetensorsEntry> = {};
  for (const [path, leaf] of flattenState(state)) entries[path] = await toEntry(path, leaf);
  for (const path of emptyPaths(state)) entries[path] = { dtype: 'F64', shape: [0], data: new Float64Array(0) };
  return encodeSafetensors(entries, metadata);
}

/** Paths of empty subtrees (`{}`), which have no leaf to carry them: stored as zero-length F64 entries. */
function emptyPaths(state: State, prefix = ''): string[] {
  return Object.entries(state).flatMap(([key, node]) => {
    if (isStateLeaf(node)) return [];
    return Object.keys(node).length === 0 ? [prefix + key] : emptyPaths(node, `${prefix}${key}/`);
  });
}

/** Inverse of {@link saveState}: F64 scalars become numbers, everything else tensors the caller owns. */
export function loadState(bytes: Uint8Array, source?: string): { state: State; metadata: { [key: string]: string } } {
  const file = decodeSafetensors(bytes, source);
  const isEmptyTree = (entry: SafetensorsEntry) => entry.dtype === 'F64' && entry.shape.length === 1 && entry.shape[0] === 0;
  const leaves: [string, StateLeaf][] = Object.entries(file.tensors)
    .filter(([, entry]) => !isEmptyTree(entry))
    .map(([path, entry]) => [path, entry.dtype === 'F64' && entry.shape.length === 0 ? entry.data[0]! : toTensor(entry)]);
  const state = unflattenState(leaves) as Record<string, unknown>;
  for (const [path, entry] of Object.entries(file.tensors)) {
    if (!isEmptyTree(entry)) continue;
    let node = state;
    for (const key of path.split('/')) node = (node[key] ??= {}) as Record<string, unknown>;
  }
  return { state: state as State, metadata: file.metadata };
}
