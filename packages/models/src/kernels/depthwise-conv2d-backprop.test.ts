import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DepthwiseConv2dNativeBackpropFilter,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
} from '@tensorflow/tfjs-core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { depthwiseConv2dBackpropFilter } from './depthwise-conv2d-backprop-filter';
import { depthwiseConv2dBackpropInput } from './depthwise-conv2d-backprop-input';
import { byBasis, onCpu, randn, runKernel, toTensor } from './kernel-test-utils';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  dilations: number | [number, number];
  pad: DepthwiseConv2dNativeBackpropFilterAttrs['pad'];
}

// The cpu kernels are the reference for undilated cases. They ignore `dilations` (tfjs' own gradient of
// depthwiseConv2d refuses dilations > 1, so nothing reaches them dilated), so dilated cases are checked against the
// definition instead: the forward op is linear in x and in W, so d/dW_k sum(conv(x, W) * dy) = sum(conv(x, e_k) * dy)
// for each basis tensor e_k, evaluated with the cpu backend's forward depthwiseConv2d, which does support dilations.
const cases: Case[] = [
  { name: '3x3 same, multiplier 1', x: [2, 6, 6, 3], filter: [3, 3, 3, 1], strides: 1, dilations: 1, pad: 'same' },
  { name: '3x3 same, multiplier 2', x: [2, 5, 5, 2], filter: [3, 3, 2, 2], strides: 1, dilations: 1, pad: 'same' },
  { name: '3x3 stride 2 same, odd', x: [2, 7, 7, 3], filter: [3, 3, 3, 2], strides: 2, dilations: 1, pad: 'same' },
  { name: '3x3 stride 2 valid, dropped rows', x: [1, 8, 9, 2], filter: [3, 3, 2, 1], strides: 2, dilations: 1, pad: 'valid' },
  { name: '5x3 strides [2, 1] pad 1', x: [1, 9, 6, 2], filter: [5, 3, 2, 1], strides: [2, 1], dilations: 1, pad: 1 },
  { name: '3x3 dilation 2 same', x: [1, 8, 8, 2], filter: [3, 3, 2, 2], strides: 1, dilations: 2, pad: 'same' },
  { name: '3x3 dilation 2 valid', x: [2, 7, 7, 1], filter: [3, 3, 1, 1], strides: 1, dilations: 2, pad: 'valid' },
];

function outShape(c: Case): number[] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, c.dilations, c.pad, undefined, true).outShape;
}

forEachBackend((backend) => {
  beforeAll(() => {
    registerWasmTrainingKernels();
  });

  describe('depthwise conv2d gradients match the cpu backend kernels', () => {
    for (const [i, c] of cases.entries()) {
      it(c.name, async () => {
        const x = randn(30 + i, c.x);
        const filter = randn(40 + i, c.filter);
        const dy = randn(50 + i, outShape(c));
        const common = { strides: c.strides, dilations: c.dilations, pad: c.pad };
        const filterAttrs = { ...common, filterShape: c.filter };
        const inputAttrs = { ...common, inputShape: c.x };
        const dilated = c.dilations !== 1;
        const forward = (a: tf.Tensor, b: tf.Tensor) =>
          tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad as 'same', 'NHWC', c.dilations);
        const dW = await onCpu(() =>
          dilated
            ? byBasis(c.filter, (e) => forward(toTensor(x), e), dy)
            : runKernel(DepthwiseConv2dNativeBackpropFilter, { x, dy }, filterAttrs),
        );
        const dX = await onCpu(() =>
          dilated
            ? byBasis(c.x, (e) => forward(e, toTensor(filter)), dy)
            : runKernel(DepthwiseConv2dNativeBackpropInput, { dy, filter }, inputAttrs),
        );
        const tol = { rtol: 1e-4, atol: 1e-4 };
        await expectNoLeaks(() => {
          tf.tidy(() => {
            const directW = depthwiseConv2dBackpropFilter(toTensor(x) as tf.Tensor4D, toTensor(dy) as tf.Tensor4D, filterAttrs);
            expect(directW.shape).toEqual(c.filter);
            expectClose(directW, dW.values, tol, `${backend} ${c.name} filter (direct)`);
            // The cpu and webgl backends' own kernels ignore dilations: only the registered (wasm) ones are checked
            // dilated. Training never reaches them dilated: registerDilatedConvGradients routes those gradients here.
            const checkKernel = !dilated || backend === 'wasm';
            if (checkKernel) {
              expectClose(runKernel(DepthwiseConv2dNativeBackpropFilter, { x, dy }, filterAttrs), dW.values, tol, 'filter (kernel)');
            }
            const directX = depthwiseConv2dBackpropInput(toTensor(dy) as tf.Tensor4D, toTensor(filter) as tf.Tensor4D, inputAttrs);
            expect(directX.shape).toEqual(c.x);
            expectClose(directX, dX.values, tol, `${backend} ${c.name} input (direct)`);
            if (checkKernel) {
              expectClose(runKernel(DepthwiseConv2dNativeBackpropInput, { dy, filter }, inputAttrs), dX.values, tol, 'input (kernel)');
            }
          });
        });
      });
    }
  });

  it('tf.grads of depthwiseConv2d equal central finite differences', async () => {
    // Linear in both x and w for a fixed r, so central differences are exact up to float32 rounding.
    const x = toTensor(randn(4, [1, 5, 5, 2])) as tf.Tensor4D;
    const w = toTensor(randn(5, [3, 3, 2, 2])) as tf.Tensor4D;
    const r = toTensor(randn(6, [1, 3, 3, 4]));
    const loss = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.sum(tf.mul(tf.depthwiseConv2d(a, b, 2, 'same'), r)) as tf.Scalar;
    await expectNoLeaks(() => {
      const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => loss(a as tf.Tensor4D, b as tf.Tensor4D))([x, w]);
      const eps = 0.5;
      const fd = (t: tf.Tensor4D, at: (p: tf.Tensor4D) => tf.Scalar) =>
        Float32Array.from({ length: t.size }, (_, k) =>
          tf.tidy(() => {
            const e = tf.tensor(Float32Array.from({ length: t.size }, (_, j) => (j === k ? eps : 0)), t.shape) as tf.Tensor4D;
            return (at(tf.add(t, e)).dataSync()[0]! - at(tf.sub(t, e)).dataSync()[0]!) / (2 * eps);
          }),
        );
      expectClose(gx!, fd(x, (p) => loss(p, w)), { rtol: 1e-3, atol: 1e-3 }, `${backend} dx`);
      expectClose(gw!, fd(w, (p) => loss(x, p)), { rtol: 1e-3, atol: 1e-3 }, `${backend} dw`);
      tf.dispose([gx!, gw!]);
    });
    tf.dispose([x, w, r]);
  });
});
