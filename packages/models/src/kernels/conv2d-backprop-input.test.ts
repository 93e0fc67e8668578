import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conv2DBackpropInput, getKernel, type Conv2DBackpropInputAttrs } from '@tensorflow/tfjs-core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { conv2dBackpropInput, conv2dBackpropInputKernel } from './conv2d-backprop-input';
import { onCpu, randn, runKernel, toTensor } from './kernel-test-utils';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Conv2DBackpropInputAttrs['pad'];
  dataFormat?: 'NHWC' | 'NCHW';
}

const cases: Case[] = [
  { name: '3x3 same', x: [2, 6, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { name: '3x3 same stride 2, odd size', x: [2, 7, 7, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { name: '3x3 valid stride 2, dropped rows', x: [1, 8, 9, 2], filter: [3, 3, 2, 3], strides: 2, pad: 'valid' },
  { name: '7x7 stride 2 pad 3 (ResNet stem)', x: [1, 12, 12, 3], filter: [7, 7, 3, 4], strides: 2, pad: 3 },
  { name: '1x1 stride 2 (downsample)', x: [2, 6, 6, 4], filter: [1, 1, 4, 6], strides: 2, pad: 'valid' },
  { name: '2x3 kernel, strides [1, 2]', x: [1, 5, 8, 2], filter: [2, 3, 2, 3], strides: [1, 2], pad: 'same' },
  { name: 'explicit asymmetric padding', x: [1, 5, 5, 2], filter: [3, 3, 2, 2], strides: 1, pad: [[0, 0], [2, 0], [1, 2], [0, 0]] },
  { name: 'NCHW', x: [2, 3, 6, 6], filter: [3, 3, 3, 2], strides: 2, pad: 'same', dataFormat: 'NCHW' },
];

function dyShape(c: Case): number[] {
  const nchw = c.dataFormat === 'NCHW';
  const nhwc: [number, number, number, number] = nchw ? [c.x[0], c.x[2], c.x[3], c.x[1]] : c.x;
  const [n, h, w, co] = tf.backend_util.computeConv2DInfo(nhwc, c.filter, c.strides, 1, c.pad).outShape;
  return nchw ? [n, co, h, w] : [n, h, w, co];
}

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
