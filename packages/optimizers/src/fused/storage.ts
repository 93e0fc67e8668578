import * as tf from '@tensorflow/tfjs-core';

/**
 * Direct access to the float32 storage of tensors on the active backend, for the fused optimizer steps (internal).
 *
 * - `cpu` (`@tensorflow/tfjs-backend-cpu`): each tensor's values are a `Float32Array` held in `backend.data`.
 * - `wasm` (`@tensorflow/tfjs-backend-wasm`): each tensor is a block of the module's heap at
 *   `backend.dataIdMap.get(dataId).memoryOffset`, viewed through `backend.wasm.HEAPF32`.
 *
 * Other backends (webgl, webgpu, tensorflow) get `undefined`, and the optimizers run their composed ops.
 */
export interface Storage {
  /** The tfjs backend name (`'cpu'` or `'wasm'`). */
  readonly name: 'cpu' | 'wasm';
  /** Whether `t` is a float32 tensor whose data lives on this backend. */
  holds(t: tf.Tensor): boolean;
  /** The live storage of `t` (not a copy). Take it after the last allocation: on wasm, growing the heap moves views. */
  view(t: tf.Tensor): Float32Array;
  /**
   * Whether the step may overwrite `t`'s storage: no other tensor shares its data (refCount 1) and, on cpu, the
   * array was allocated by {@link alloc} (a `Float32Array` given to `tf.tensor` is the caller's, kept by reference).
   */
  exclusive(t: tf.Tensor): boolean;
  /**
   * Whether a parameter may be written in place when {@link exclusive}. False on both: on cpu `variable.dataSync()`
   * returns the storage array itself, which callers keep as a snapshot; on wasm, XNNPACK caches the packed weights
   * of MatMul and Conv2D operators by data id, so a parameter rewritten in place would feed stale weights to the
   * next forward pass. Parameters get fresh storage each step; optimizer state (never a kernel weight) stays in place.
   */
  readonly paramsInPlace: boolean;
  /** A new float32 tensor of `shape` with uninitialized storage owned by the fused path. */
  alloc(shape: readonly number[]): tf.Tensor;
  /** The wasm module (heap, memory), when `name` is `'wasm'`. */
  readonly wasm?: WasmModule;
  /** Byte offset of `t`'s data in the wasm heap (wasm only). */
  offset(t: tf.Tensor): number;
}

/** The parts of tfjs-backend-wasm's Emscripten module the fused path uses. */
export interface WasmModule {
  readonly HEAPF32: Float32Array;
  readonly asm?: { readonly memory?: WebAssembly.Memory };
}

interface DataMap<V> {
  get(dataId: object): V | undefined;
  has(dataId: object): boolean;
}

interface CpuBackend {
  readonly data: DataMap<{ values?: unknown; dtype: string; refCount: number }>;
  write(values: Float32Array, shape: number[], dtype: 'float32'): object;
}

interface WasmBackend {
  readonly dataIdMap: DataMap<{ memoryOffset: number; dtype: string; refCount: number }>;
  readonly wasm: WasmModule;
  makeOutput(shape: number[], dtype: 'float32'): { dataId: object };
}

/** Data ids whose cpu arrays the fused path allocated (so no caller holds the array). */
const ownedCpu = new WeakSet<object>();

const engine = () => tf.engine() as unknown as {
  makeTensorFromDataId(dataId: object, shape: readonly number[], dtype: 'float32', backend: tf.KernelBackend): tf.Tensor;
};

/** The storage adapter of the active backend, or `undefined` when it has no fused path. */
export function activeStorage(): Storage | undefined {
  const name = tf.getBackend();
  if (name === 'cpu') return cpuStorage(tf.backend() as unknown as CpuBackend & tf.KernelBackend);
  if (name === 'wasm') return wasmStorage(tf.backend() as unknown as WasmBackend & tf.KernelBackend);
  return undefined;
}

function cpuStorage(backend: CpuBackend & tf.KernelBackend): Storage | undefined {
  if (typeof backend.data?.get !== 'function') return undefined;
  return {
    name: 'cpu',
    paramsInPlace: false,
    holds: (t) => t.dtype === 'float32' && backend.data.get(t.dataId)?.values instanceof Float32Array,
    view: (t) => backend.data.get(t.dataId)!.values as Float32Array,
    exclusive: (t) => ownedCpu.has(t.dataId) && backend.data.get(t.dataId)?.refCount === 1,
    alloc(shape) {
      const dataId = backend.write(new Float32Array(sizeOf(shape)), [...shape], 'float32');
      ownedCpu.add(dataId);
      return engine().makeTensorFromDataId(dataId, shape, 'float32', backend);
    },
    offset: () => {
      throw new Error('offset() is wasm-only');
    },
  };
}

function wasmStorage(backend: WasmBackend & tf.KernelBackend): Storage | undefined {
  if (typeof backend.dataIdMap?.get !== 'function' || !(backend.wasm?.HEAPF32 instanceof Float32Array)) return undefined;
  const offset = (t: tf.Tensor) => backend.dataIdMap.get(t.dataId)!.memoryOffset;
  return {
    name: 'wasm',
    paramsInPlace: false,
    wasm: backend.wasm,
    holds: (t) => t.dtype === 'float32' && backend.dataIdMap.has(t.dataId),
    view(t) {
      const start = offset(t) >>> 2;
      return backend.wasm.HEAPF32.subarray(start, start + t.size);
    },
    exclusive: (t) => backend.dataIdMap.get(t.dataId)?.refCount === 1,
    alloc(shape) {
      const { dataId } = backend.makeOutput([...shape], 'float32');
      return engine().makeTensorFromDataId(dataId, shape, 'float32', backend);
    },
    offset,
  };
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
