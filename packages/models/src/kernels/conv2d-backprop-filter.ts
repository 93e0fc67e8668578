import * as tf from '@tensorflow/tfjs-core';
import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { asTensor, padOrCrop } from './kernel-tensors';

/**
 * `Conv2DBackpropFilter` for backends without it (tfjs-backend-wasm 4.22, tfjs issue 8474): the gradient of a 2-D
 * convolution with respect to its filter, computed as one forward `conv2d` that the backend runs natively
 * (XNNPACK on wasm), with the roles of batch and channels swapped:
 *
 * $$\partial W[k_h, k_w, c_i, c_o] = \sum_{n, o_h, o_w} x[n,\; o_h s_h + k_h - p_t,\; o_w s_w + k_w - p_l,\; c_i]\; \partial y[n, o_h, o_w, c_o]$$
 *
 * is a convolution of `x` viewed as `[c_i, H, W, n]` (batch `c_i`, channels `n`) with `∂y` viewed as the filter
 * `[o_h, o_w, n, c_o]`, dilated by the forward stride, giving `[c_i, k_h, k_w, c_o]`. Padding is the forward pass's
 * (`'valid'`, `'same'`, a number or explicit) on the top/left; the bottom/right padding is whatever makes every tap
 * fit exactly (negative: rows the forward `floor` never read are cropped). `NCHW` inputs are transposed to NHWC.
 * Measured here (wasm, 16×16×16×64 → 128, 3×3, stride 2): about 7 ms versus 160 ms for the cpu backend's kernel.
 */
export function conv2dBackpropFilter(x4: tf.Tensor4D, dy4: tf.Tensor4D, attrs: Conv2DBackpropFilterAttrs): tf.Tensor4D {
  return tf.tidy(() => {
    const nchw = attrs.dataFormat === 'NCHW';
    const x = nchw ? tf.transpose(x4, [0, 2, 3, 1]) : x4;
    const dy = nchw ? tf.transpose(dy4, [0, 2, 3, 1]) : dy4;
    const info = backend_util.computeConv2DInfo(
      x.shape,
      attrs.filterShape,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      'channelsLast',
    );
    return filterGradient(x, dy, info);
  });
}

/** The shared body: `info` describes the forward convolution (strides, dilations, padding, shapes), NHWC. */
export function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, info: backend_util.Conv2DInfo): tf.Tensor4D {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { dilationHeight: dh, dilationWidth: dw, inHeight, inWidth, outHeight, outWidth, padInfo } = info;
  // The last tap of the last output reads row (kh-1)*dh + (oh-1)*sh - top: pad the bottom just enough to reach it.
  const bottom = (kh - 1) * dh + (outHeight - 1) * sh - padInfo.top - inHeight + 1;
  const right = (kw - 1) * dw + (outWidth - 1) * sw - padInfo.left - inWidth + 1;
  const xT = padOrCrop(tf.transpose(x, [3, 1, 2, 0]), [padInfo.top, bottom], [padInfo.left, right]);
  const dyT = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
  // Forward stride becomes the dilation of the swapped convolution and forward dilation its stride; tfjs allows
  // only one of them > 1, in either direction.
  // The padding above makes the output exactly [ci, kh, kw, co].
  const swapped = tf.conv2d(xT, dyT, [dh, dw], 'valid', 'NHWC', [sh, sw]);
  return tf.transpose(swapped, [1, 2, 0, 3]);
}

/** The kernel registration of {@link conv2dBackpropFilter}; `backendName` is filled in by the registrar. */
export const conv2dBackpropFilterKernel: Omit<KernelConfig, 'backendName'> = {
  kernelName: Conv2DBackpropFilter,
  kernelFunc: ({ inputs, attrs }): TensorInfo =>
    conv2dBackpropFilter(
      asTensor<tf.Rank.R4>(inputs['x']!),
      asTensor<tf.Rank.R4>(inputs['dy']!),
      attrs as unknown as Conv2DBackpropFilterAttrs & NamedAttrMap,
    ),
};
