import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conv2DBackpropFilter, type Conv2DBackpropFilterAttrs } from '@tensorflow/tfjs-core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { conv2dBackpropFilter } from './conv2d-backprop-filter';
import { convCases as cases, convOutShape as dyShape, onCpu, randn, runKernel, toTensor } from './kernel-test-utils';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

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
