import * as tf from '@tensorflow/tfjs-core';
import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { asTensor, spreadForInputGradient } from './kernel-tensors';

/**
 * A faster `Conv2DBackpropInput` (the input gradient of conv2d, also `conv2dTranspose`) for wasm. tfjs-backend-wasm
 * 4.22 has one, but as a scalar C loop: about 30× slower than its XNNPACK forward convolution of the same size and
 * the largest share of a wasm training step. This one is a forward convolution the backend runs natively:
 *
 * $$\partial x[n, i, j, c_i] = \sum_{k_h, k_w, c_o} \tilde{\partial y}[n,\; i + k_h - p_t',\; j + k_w - p_l',\; c_o]\; W[k_h - 1 - k_h', \dots]$$
 *
 * i.e. `conv2d(spread(∂y), rot180(W)ᵀ, stride 1)`, where `spread` inserts `s − 1` zeros between rows and columns of
 * `∂y` and pads it by `k − 1 − p` (see {@link depthwiseConv2dBackpropInput}), and the filter is rotated by 180° with
 * its in/out channels swapped. Strided layers pay for the inserted zeros (s² more multiply-adds) and still run
 * several times faster than the stock kernel. `NCHW` is transposed to NHWC.
 */
export function conv2dBackpropInput(dy4: tf.Tensor4D, filter: tf.Tensor4D, attrs: Conv2DBackpropInputAttrs): tf.Tensor4D {
  return tf.tidy(() => {
    const nchw = attrs.dataFormat === 'NCHW';
    const dy = nchw ? tf.transpose(dy4, [0, 2, 3, 1]) : dy4;
    const [n, c, h, w] = attrs.inputShape;
    const inputShape: [number, number, number, number] = nchw ? [n, h, w, c] : attrs.inputShape;
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filter.shape,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      'channelsLast',
    );
    const rotated = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    const dx = tf.conv2d(spreadForInputGradient(dy, info), rotated, 1, 'valid');
    return nchw ? tf.transpose(dx, [0, 3, 1, 2]) : dx;
  });
}

/** The kernel registration of {@link conv2dBackpropInput}; it replaces the stock wasm kernel. */
export const conv2dBackpropInputKernel: Omit<KernelConfig, 'backendName'> = {
  kernelName: Conv2DBackpropInput,
  kernelFunc: ({ inputs, attrs }): TensorInfo =>
    conv2dBackpropInput(
      asTensor<tf.Rank.R4>(inputs['dy']!),
      asTensor<tf.Rank.R4>(inputs['filter']!),
      attrs as unknown as Conv2DBackpropInputAttrs & NamedAttrMap,
    ),
};
