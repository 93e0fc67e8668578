// Test-only helpers for the kernel tests (not exported from the package).
import * as tf from '@tensorflow/tfjs-core';
import { normalValues, prngKey, useBackend } from '@nnopt/core';

/** A host-side tensor description, so each backend builds its own copy of the same numbers. */
export interface HostTensor {
  readonly values: Float32Array | Int32Array;
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32';
}

/** Seeded standard-normal values (core's Threefry): identical on every backend and every run. */
export function randn(seed: number, shape: number[]): HostTensor {
  return { values: normalValues(prngKey(seed), shape.reduce((a, b) => a * b, 1)), shape, dtype: 'float32' };
}

export function ints(values: number[], shape = [values.length]): HostTensor {
  return { values: Int32Array.from(values), shape, dtype: 'int32' };
}

export function toTensor(h: HostTensor): tf.Tensor {
  return tf.tensor(h.values, h.shape, h.dtype);
}

/** Runs `fn` on the cpu backend (the reference) and switches back; resolves to the values and shape it returned. */
export async function onCpu(fn: () => tf.Tensor): Promise<{ values: Float32Array; shape: number[] }> {
  const previous = tf.getBackend();
  await useBackend('cpu', { log: () => {} });
  try {
    const out = fn();
    const result = { values: Float32Array.from(out.dataSync()), shape: out.shape };
    out.dispose();
    return result;
  } finally {
    await tf.setBackend(previous);
  }
}

/** The active backend's (or the cpu's, via {@link onCpu}) result of a registered kernel on host inputs. */
export function runKernel(kernelName: string, inputs: Record<string, HostTensor>, attrs: object): tf.Tensor {
  return tf.tidy(() => {
    const tensors = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, toTensor(v)]));
    return tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  });
}

/** The gradient of the linear map `f` contracted with `dy`, one basis tensor at a time: `g[k] = sum(f(e_k) * dy)`. */
export function byBasis(shape: number[], f: (e: tf.Tensor) => tf.Tensor, dy: HostTensor): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const g = new Float32Array(size);
  tf.tidy(() => {
    const upstream = toTensor(dy);
    for (let k = 0; k < size; k++) {
      const e = new Float32Array(size);
      e[k] = 1;
      g[k] = tf.sum(tf.mul(f(tf.tensor(e, shape)), upstream)).dataSync()[0]!;
    }
  });
  return tf.tensor(g, shape);
}
