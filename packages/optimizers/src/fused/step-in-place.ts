import type * as tf from '@tensorflow/tfjs-core';
import type { Storage } from './storage';

/**
 * A fused update of one variable: reads the parameter `p` and gradient `g`, updates the state arrays `slots` in
 * place and writes the new parameter to `out` (which is `p` itself when the parameter is updated in place).
 * Elementwise, so `out === p` and a gradient aliasing the parameter are both safe.
 */
export type FusedKernel = (p: Float32Array, out: Float32Array, g: Float32Array, slots: Float32Array[]) => void;

/**
 * Runs `kernel` over one variable's storage in one pass (internal to the fused path). State tensors are written in
 * place when nothing else shares their data; otherwise (a `stateDict()` copy still alive, a loaded state) they are
 * first copied into a fresh buffer, which is returned in their place, and the caller's state disposal (core's
 * `applyTransform`) releases the replaced ones. The parameter is written in place only when the backend allows it
 * (`storage.paramsInPlace`, false on cpu and wasm), else into a fresh buffer assigned to the variable. Returns the
 * state tensors to keep.
 */
export function stepInPlace(
  storage: Storage,
  param: tf.Variable,
  grad: tf.Tensor,
  slots: readonly tf.Tensor[],
  kernel: FusedKernel,
): tf.Tensor[] {
  const kept = slots.map((slot) => {
    if (storage.exclusive(slot)) return slot;
    const copy = storage.alloc(slot.shape);
    storage.view(copy).set(storage.view(slot));
    return copy;
  });
  const out = storage.paramsInPlace && storage.exclusive(param) ? undefined : storage.alloc(param.shape);
  // Views are taken after the last allocation: growing the wasm heap replaces HEAPF32.
  const p = storage.view(param);
  kernel(p, out === undefined ? p : storage.view(out), storage.view(grad), kept.map((slot) => storage.view(slot)));
  if (out !== undefined) {
    param.assign(out);
    out.dispose();
  }
  return kept;
}
