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

/** A conv2d configuration for the kernel tests: NHWC (or NCHW) input shape, HWIO filter, stride, padding. */
export interface ConvCase {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
}

/** Every padding form, strides (incl. ones whose floor drops input rows), 1x1, 7x7, non-square kernels, NCHW. */
export const convCases: ConvCase[] = [
  { name: '3x3 same', x: [2, 6, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { name: '3x3 same stride 2, odd size', x: [2, 7, 7, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { name: '3x3 valid stride 2, dropped rows', x: [1, 8, 9, 2], filter: [3, 3, 2, 3], strides: 2, pad: 'valid' },
  { name: '7x7 stride 2 pad 3 (ResNet stem)', x: [1, 12, 12, 3], filter: [7, 7, 3, 4], strides: 2, pad: 3 },
  { name: '1x1 stride 2 (downsample)', x: [2, 6, 6, 4], filter: [1, 1, 4, 6], strides: 2, pad: 'valid' },
  { name: '2x3 kernel, strides [1, 2]', x: [1, 5, 8, 2], filter: [2, 3, 2, 3], strides: [1, 2], pad: 'same' },
  { name: 'explicit asymmetric padding', x: [1, 5, 5, 2], filter: [3, 3, 2, 2], strides: 1, pad: [[0, 0], [2, 0], [1, 2], [0, 0]] },
  { name: 'NCHW', x: [2, 3, 6, 6], filter: [3, 3, 3, 2], strides: 2, pad: 'same', dataFormat: 'NCHW' },
];

/** The output (dy) shape of a {@link ConvCase}, in its data format. */
export function convOutShape(c: ConvCase): number[] {
  const nchw = c.dataFormat === 'NCHW';
  const nhwc: [number, number, number, number] = nchw ? [c.x[0], c.x[2], c.x[3], c.x[1]] : c.x;
  const [n, h, w, co] = tf.backend_util.computeConv2DInfo(nhwc, c.filter, c.strides, 1, c.pad).outShape;
  return nchw ? [n, co, h, w] : [n, h, w, co];
}
