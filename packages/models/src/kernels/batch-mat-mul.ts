import * as tf from '@tensorflow/tfjs-core';
import { type BatchMatMulAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { asTensor } from './kernel-tensors';

/** Below this many output rows or columns a product stays on the stock loop (see {@link untransposedBatchMatMul}). */
const minOutputDim = 8;

const swapLastTwo = (t: tf.Tensor): tf.Tensor => tf.transpose(t, [...t.shape.keys()].map((i) => (i < t.rank - 2 ? i : 2 * t.rank - 3 - i)));

const isSingleMatrix = (t: TensorInfo): boolean => t.shape.slice(0, -2).every((d) => d === 1);

const replacements = new WeakSet<KernelFunc>();

/** Whether `kernelFunc` is a kernel made by {@link untransposedBatchMatMul}. */
export function isUntransposedBatchMatMul(kernelFunc: KernelFunc): boolean {
  return replacements.has(kernelFunc);
}

/**
 * A `BatchMatMul` for tfjs-backend-wasm that keeps matrix products on XNNPACK. The stock kernel (4.22) runs a
 * product on XNNPACK's GEMM only when neither operand is transposed and there is a single matrix; with `transposeA`
 * or `transposeB`, which every matMul gradient sets (`dA = dY B^T`, `dB = A^T dY`), it falls back to a scalar
 * blocked loop several times slower. This kernel transposes a flagged operand explicitly (one pass over it) and hands
 * the untransposed product to the stock kernel. Batched products (no XNNPACK path either way) and products with an output
 * dimension below 8 (matrix-vector products such as `channelSum`'s, where the loop reads the operand in place) go to
 * the stock kernel unchanged. Results equal the stock kernel's up to float32 summation order.
 */
export function untransposedBatchMatMul(stockKernel: KernelConfig): KernelConfig {
  const stock = stockKernel.kernelFunc;
  const kernelFunc: KernelFunc = (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    const rows = transposeA ? a.shape[a.shape.length - 1]! : a.shape[a.shape.length - 2]!;
    const columns = transposeB ? b.shape[b.shape.length - 2]! : b.shape[b.shape.length - 1]!;
    const worthIt = (transposeA || transposeB) && isSingleMatrix(a) && isSingleMatrix(b) && Math.min(rows, columns) >= minOutputDim;
    if (!worthIt) return stock(args);
    return tf.tidy(() => {
      const left = transposeA ? swapLastTwo(asTensor(a)) : asTensor(a);
      const right = transposeB ? swapLastTwo(asTensor(b)) : asTensor(b);
      return tf.matMul(left, right); // re-enters this kernel untransposed: the stock XNNPACK path
    });
  };
  replacements.add(kernelFunc);
  // The stock setup binds the wasm function that `stock` calls: keep it (and the disposal) with the new kernel.
  return { ...stockKernel, kernelFunc };
}
