import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchMatMul, getKernel } from '@tensorflow/tfjs-core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { isUntransposedBatchMatMul } from './batch-mat-mul';
import { onCpu, randn, runKernel } from './kernel-test-utils';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

// [a shape, b shape, transposeA, transposeB, what it exercises]
const cases: Array<[number[], number[], boolean, boolean, string]> = [
  [[12, 9], [9, 10], false, false, 'plain (stock XNNPACK path)'],
  [[9, 12], [9, 10], true, false, 'A^T B (a weight gradient)'],
  [[12, 9], [10, 9], false, true, 'A B^T (an input gradient)'],
  [[9, 12], [10, 9], true, true, 'A^T B^T'],
  [[1, 9, 12], [1, 9, 10], true, false, 'rank 3 with one matrix'],
  [[3, 9, 12], [3, 9, 10], true, false, 'batched (stock loop)'],
  [[30, 4], [30, 1], true, false, 'matrix-vector (stock loop)'],
];

forEachBackend((backend) => {
  beforeAll(() => {
    registerWasmTrainingKernels();
  });

  it(`is ${backend === 'wasm' ? 'the untransposing wrapper on wasm' : 'the stock kernel off wasm'}`, () => {
    const kernel = getKernel(BatchMatMul, backend)!;
    expect(isUntransposedBatchMatMul(kernel.kernelFunc)).toBe(backend === 'wasm');
    // The stock wasm setup (binding the C function the stock kernelFunc calls) stays with the wrapper.
    if (backend === 'wasm') expect(kernel.setupFunc).toBeTypeOf('function');
    expect(registerWasmTrainingKernels()).not.toContain(BatchMatMul); // idempotent
  });

  describe('BatchMatMul matches the cpu backend kernel', () => {
    for (const [i, [aShape, bShape, transposeA, transposeB, name]] of cases.entries()) {
      it(name, async () => {
        const inputs = { a: randn(200 + i, aShape), b: randn(300 + i, bShape) };
        const attrs = { transposeA, transposeB };
        const expected = await onCpu(() => runKernel(BatchMatMul, inputs, attrs));
        await expectNoLeaks(() =>
          tf.tidy(() => {
            const got = runKernel(BatchMatMul, inputs, attrs);
            expect(got.shape).toEqual(expected.shape);
            expectClose(got, expected.values, { rtol: 1e-5, atol: 1e-5 }, `${backend} ${name}`);
          }),
        );
      });
    }
  });
});
