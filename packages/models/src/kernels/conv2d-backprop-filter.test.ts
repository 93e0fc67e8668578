import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conv2DBackpropFilter, type Conv2DBackpropFilterAttrs } from '@tensorflow/tfjs-core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { conv2dBackpropFilter } from './conv2d-backprop-filter';
import { onCpu, randn, runKernel, toTensor } from './kernel-test-utils';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

interface Case {
  name: string;
  x: number[];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Conv2DBackpropFilterAttrs['pad'];
  dataFormat?: 'NHWC' | 'NCHW';
}

// Shapes cover every padding form, strides (incl. one whose floor drops input rows), 1x1, non-square kernels.
const cases: Case[] = [
  { name: '3x3 same', x: [2, 6, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { name: '3x3 same stride 2, odd size', x: [2, 7, 7, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { name: '3x3 valid stride 2, dropped rows', x: [1, 8, 9, 2], filter: [3, 3, 2, 3], strides: 2, pad: 'valid' },
  { name: '7x7 stride 2 pad 3 (ResNet stem)', x: [2, 12, 12, 3], filter: [7, 7, 3, 4], strides: 2, pad: 3 },
  { name: '1x1 stride 2 (downsample)', x: [2, 6, 6, 4], filter: [1, 1, 4, 6], strides: 2, pad: 'valid' },
  { name: '2x3 kernel, strides [1, 2]', x: [1, 5, 8, 2], filter: [2, 3, 2, 3], strides: [1, 2], pad: 'same' },
  {
    name: 'explicit asymmetric padding',
    x: [1, 5, 5, 2],
    filter: [3, 3, 2, 2],
    strides: 1,
    pad: [[0, 0], [2, 0], [1, 2], [0, 0]],
  },
  { name: 'NCHW', x: [2, 3, 6, 6], filter: [3, 3, 3, 2], strides: 2, pad: 'same', dataFormat: 'NCHW' },
];

function dyShape(c: Case): number[] {
  const nhwc = c.dataFormat === 'NCHW' ? [c.x[0]!, c.x[2]!, c.x[3]!, c.x[1]!] : c.x;
  const info = tf.backend_util.computeConv2DInfo(nhwc as [number, number, number, number], c.filter, c.strides, 1, c.pad);
  const [n, h, w, co] = info.outShape;
  return c.dataFormat === 'NCHW' ? [n, co, h, w] : [n, h, w, co];
}

forEachBackend((backend) => {
  beforeAll(() => {
    registerWasmTrainingKernels();
  });

  describe('conv2dBackpropFilter matches the cpu backend kernel', () => {
    for (const [i, c] of cases.entries()) {
      it(c.name, async () => {
        const x = randn(10 + i, c.x);
        const dy = randn(20 + i, dyShape(c));
        const attrs: Conv2DBackpropFilterAttrs = {
          strides: c.strides,
          pad: c.pad,
          dataFormat: c.dataFormat ?? 'NHWC',
          filterShape: c.filter,
        };
        const expected = await onCpu(() => runKernel(Conv2DBackpropFilter, { x, dy }, attrs));
        await expectNoLeaks(() => {
          const direct = tf.tidy(() => conv2dBackpropFilter(toTensor(x) as tf.Tensor4D, toTensor(dy) as tf.Tensor4D, attrs));
          expect(direct.shape).toEqual(c.filter);
          expectClose(direct, expected.values, { rtol: 1e-4, atol: 1e-4 }, `${backend} ${c.name} direct`);
          direct.dispose();
          // On wasm this runs the registered kernel; on cpu the backend's own (a check of the reference path).
          const viaEngine = runKernel(Conv2DBackpropFilter, { x, dy }, attrs);
          expectClose(viaEngine, expected.values, { rtol: 1e-4, atol: 1e-4 }, `${backend} ${c.name} kernel`);
          viaEngine.dispose();
        });
      });
    }
  });

  it('tf.grad of conv2d through the kernel equals central finite differences', async () => {
    // loss(w) = sum(conv2d(x, w) * r) is linear in w, so the central difference (L(w + e) - L(w - e)) / 2e has no
    // truncation error: only float32 rounding, hence the loose-ish tolerance and the large step.
    const x = toTensor(randn(1, [2, 5, 5, 2])) as tf.Tensor4D;
    const w = toTensor(randn(2, [3, 3, 2, 3])) as tf.Tensor4D;
    const r = toTensor(randn(3, [2, 3, 3, 3]));
    const loss = (filter: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, filter as tf.Tensor4D, 2, 'same'), r)) as tf.Scalar;
    await expectNoLeaks(() => {
      const grad = tf.grad(loss)(w);
      const eps = 0.5;
      const wValues = w.dataSync();
      const fd = new Float32Array(w.size);
      for (let k = 0; k < w.size; k++) {
        const e = tf.tidy(() => tf.tensor(Float32Array.from(wValues, (_, j) => (j === k ? eps : 0)), w.shape));
        fd[k] = tf.tidy(() => (loss(tf.add(w, e)).dataSync()[0]! - loss(tf.sub(w, e)).dataSync()[0]!) / (2 * eps));
        e.dispose();
      }
      expectClose(grad, fd, { rtol: 1e-3, atol: 1e-3 }, `${backend} finite differences`);
      grad.dispose();
    });
    tf.dispose([x, w, r]);
  });
});
