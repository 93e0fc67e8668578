import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { registerDilatedConvGradients } from './dilated-conv-gradients';
import { byBasis, onCpu, randn, toTensor } from './kernel-test-utils';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

type Pad = 'same' | 'valid' | number;
interface Case {
  name: string;
  depthwise: boolean;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  dilations: number | [number, number];
  pad: Pad;
}

const cases: Case[] = [
  { name: 'conv2d 3x3 dilation 2 same', depthwise: false, x: [2, 7, 7, 2], filter: [3, 3, 2, 3], dilations: 2, pad: 'same' },
  { name: 'conv2d 3x2 dilations [2, 3] valid', depthwise: false, x: [1, 8, 9, 2], filter: [3, 2, 2, 2], dilations: [2, 3], pad: 'valid' },
  { name: 'conv2d 3x3 dilation 2 pad 2 (PyTorch padding=dilation)', depthwise: false, x: [1, 6, 6, 1], filter: [3, 3, 1, 2], dilations: 2, pad: 2 },
  { name: 'depthwise 3x3 dilation 2 same, multiplier 2', depthwise: true, x: [2, 6, 6, 2], filter: [3, 3, 2, 2], dilations: 2, pad: 'same' },
];

function forward(c: Case, x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  return c.depthwise
    ? tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, c.pad, 'NHWC', c.dilations)
    : tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, c.pad, 'NHWC', c.dilations);
}

forEachBackend((backend) => {
  beforeAll(() => {
    registerWasmTrainingKernels();
  });

  it('is idempotent and leaves undilated gradients to tfjs', () => {
    expect(registerDilatedConvGradients()).toEqual([]);
  });

  describe('gradients of dilated convolutions equal the adjoint of the forward op', () => {
    // Reference: the forward op (which tfjs computes correctly with dilations on cpu) is linear in x and in W, so the
    // gradient of sum(f * dy) is sum(f(e_k) * dy) for each basis tensor e_k.
    for (const [i, c] of cases.entries()) {
      it(c.name, async () => {
        const x = randn(60 + i, c.x);
        const w = randn(70 + i, c.filter);
        const yShape = await onCpu(() => forward(c, toTensor(x), toTensor(w))).then((r) => r.shape);
        const dy = randn(80 + i, yShape);
        const dX = await onCpu(() => byBasis(c.x, (e) => forward(c, e, toTensor(w)), dy));
        const dW = await onCpu(() => byBasis(c.filter, (e) => forward(c, toTensor(x), e), dy));
        await expectNoLeaks(() =>
          tf.tidy(() => {
            const upstream = toTensor(dy);
            const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(forward(c, a, b), upstream)))([
              toTensor(x),
              toTensor(w),
            ]);
            expectClose(gx!, dX.values, { rtol: 1e-4, atol: 1e-4 }, `${backend} ${c.name} dx`);
            expectClose(gw!, dW.values, { rtol: 1e-4, atol: 1e-4 }, `${backend} ${c.name} dW`);
          }),
        );
      });
    }
  });

  it('undilated gradients still come from tfjs (strided conv2d against the cpu kernel path)', async () => {
    const x = randn(90, [1, 6, 6, 2]);
    const w = randn(91, [3, 3, 2, 2]);
    const grad = () => tf.grad((b: tf.Tensor) => tf.sum(tf.conv2d(toTensor(x) as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')))(toTensor(w));
    const expected = await onCpu(grad);
    await expectNoLeaks(() => tf.tidy(() => expectClose(grad(), expected.values, { rtol: 1e-4, atol: 1e-4 })));
  });
});
