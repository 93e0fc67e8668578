import { BatchMatMul, getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { isUntransposedBatchMatMul, untransposedBatchMatMul } from './batch-mat-mul';
import { conv2dBackpropFilterKernel } from './conv2d-backprop-filter';
import { conv2dBackpropInputKernel } from './conv2d-backprop-input';
import { registerDilatedConvGradients } from './dilated-conv-gradients';
import { depthwiseConv2dBackpropFilterKernel } from './depthwise-conv2d-backprop-filter';
import { depthwiseConv2dBackpropInputKernel } from './depthwise-conv2d-backprop-input';
import { unsortedSegmentSumKernel } from './unsorted-segment-sum';

const trainingKernels: readonly Omit<KernelConfig, 'backendName'>[] = [
  conv2dBackpropFilterKernel,
  depthwiseConv2dBackpropFilterKernel,
  depthwiseConv2dBackpropInputKernel,
  unsortedSegmentSumKernel,
];

/**
 * The kernels that training needs and tfjs-backend-wasm 4.22 lacks, found by running forward and backward of every
 * op the model layers use on wasm: `Conv2DBackpropFilter` (conv2d's filter gradient, tfjs issue 8474),
 * `DepthwiseConv2dNativeBackpropFilter` and `DepthwiseConv2dNativeBackpropInput` (depthwise / grouped conv
 * gradients) and `UnsortedSegmentSum` (gather's gradient, hence embeddings').
 */
export const wasmTrainingKernelNames: readonly string[] = trainingKernels.map((k) => k.kernelName);

// Stock wasm kernels that exist but are slow enough to dominate a training step (measured in
// tools/bench/kernels-wasm.mjs): replaced on wasm only.
const fasterWasmKernels: readonly Omit<KernelConfig, 'backendName'>[] = [conv2dBackpropInputKernel];

/**
 * Registers {@link wasmTrainingKernelNames} for a backend (default `'wasm'`) where it has none of its own, so
 * `tf.grad` through conv2d, depthwise conv2d and gather works there. Each kernel is written with ops the backend runs
 * natively (a swapped `conv2d`, a depthwise conv, a `scatterND`), not per-element JS loops, and is checked against
 * the cpu backend's kernel in tests.
 *
 * On `'wasm'` it also replaces the stock `Conv2DBackpropInput` (conv2d's input gradient), a scalar C loop about
 * 30× slower than XNNPACK's forward convolution, with {@link conv2dBackpropInput}, a native forward convolution
 * (2-10× faster per layer here, identical results), and wraps the stock `BatchMatMul` in
 * {@link untransposedBatchMatMul}, so the transposed products of matMul gradients run on XNNPACK too (once the wasm
 * backend package is loaded: it wraps the stock kernel).
 *
 * Explicit and idempotent: nothing is registered on import, a missing kernel the backend already has (its own, or
 * one registered earlier) is left alone, and the backend package need not be loaded yet. Returns the kernel names it
 * registered or replaced now (empty on later calls). It also calls {@link registerDilatedConvGradients} (backend-independent:
 * tfjs-core's conv gradients refuse dilations > 1 everywhere), so every convolution the model layers build trains.
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-wasm';
 * registerWasmTrainingKernels();
 * await useBackend('wasm');
 * ```
 */
export function registerWasmTrainingKernels(backendName = 'wasm'): string[] {
  registerDilatedConvGradients();
  const registered: string[] = [];
  for (const kernel of trainingKernels) {
    if (getKernel(kernel.kernelName, backendName) != null) continue;
    registerKernel({ ...kernel, backendName });
    registered.push(kernel.kernelName);
  }
  if (backendName !== 'wasm') return registered;
  for (const kernel of fasterWasmKernels) {
    if (getKernel(kernel.kernelName, backendName)?.kernelFunc === kernel.kernelFunc) continue;
    if (getKernel(kernel.kernelName, backendName) != null) unregisterKernel(kernel.kernelName, backendName);
    registerKernel({ ...kernel, backendName });
    registered.push(kernel.kernelName);
  }
  // Wraps the stock kernel, so only once the backend package has registered it.
  const stockMatMul = getKernel(BatchMatMul, backendName);
  if (stockMatMul != null && !isUntransposedBatchMatMul(stockMatMul.kernelFunc)) {
    unregisterKernel(BatchMatMul, backendName);
    registerKernel(untransposedBatchMatMul(stockMatMul));
    registered.push(BatchMatMul);
  }
  return registered;
}
