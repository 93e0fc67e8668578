import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conv2DBackpropInput, getKernel, type Conv2DBackpropInputAttrs } from '@tensorflow/tfjs-core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { conv2dBackpropInput, conv2dBackpropInputKernel } from './conv2d-backprop-input';
import { convCases as cases, convOutShape as dyShape, onCpu, randn, runKernel, toTensor } from './kernel-test-utils';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

forEachBackend((backend) => {
  beforeAll(() => {
    registerWasmTrainingKernels();
  });

  it(`is ${backend === 'wasm' ? 'the registered wasm kernel' : 'not registered for cpu'}`, () => {
    expect(getKernel(Conv2DBackpropInput, backend)?.kernelFunc === conv2dBackpropInputKernel.kernelFunc).toBe(backend === 'wasm');
  });

  describe('conv2dBackpropInput matches the cpu backend kernel', () => {
    for (const [i, c] of cases.entries()) {
      it(c.name, async () => {
        const dy = randn(100 + i, dyShape(c));
        const filter = randn(110 + i, c.filter);
        const attrs: Conv2DBackpropInputAttrs = { strides: c.strides, pad: c.pad, dataFormat: c.dataFormat ?? 'NHWC', inputShape: c.x };
        const expected = await onCpu(() => runKernel(Conv2DBackpropInput, { dy, filter }, attrs));
        await expectNoLeaks(() =>
          tf.tidy(() => {
            const direct = conv2dBackpropInput(toTensor(dy) as tf.Tensor4D, toTensor(filter) as tf.Tensor4D, attrs);
            expect(direct.shape).toEqual(c.x);
            expectClose(direct, expected.values, { rtol: 1e-4, atol: 1e-4 }, `${backend} ${c.name} direct`);
            const viaEngine = runKernel(Conv2DBackpropInput, { dy, filter }, attrs);
            expectClose(viaEngine, expected.values, { rtol: 1e-4, atol: 1e-4 }, `${backend} ${c.name} kernel`);
          }),
        );
      });
    }
  });
});
