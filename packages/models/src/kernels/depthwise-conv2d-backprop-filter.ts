import * as tf from '@tensorflow/tfjs-core';
import {
  backend_util,
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  type KernelConfig,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { asTensor, padOrCrop } from './kernel-tensors';

/**
 * `DepthwiseConv2dNativeBackpropFilter` for backends without it (tfjs-backend-wasm 4.22): the filter gradient of a
 * depthwise convolution with filter `[k_h, k_w, C, M]` (channel multiplier `M`),
 *
 * $$\partial W[k_h, k_w, c, m] = \sum_{n, o_h, o_w} x[n,\; o_h s_h + k_h d_h - p_t,\; o_w s_w + k_w d_w - p_l,\; c]\; \partial y[n, o_h, o_w, c M + m],$$
 *
 * computed as one depthwise convolution the backend runs natively: `x` viewed as a single image with `C·N`
 * channels (`[1, H, W, C·N]`), filtered per channel by `∂y` viewed as `[o_h, o_w, C·N, M]`, with the forward
 * stride as dilation and the forward dilation as stride; the `N` partial sums are then added. Padding as in
 * {@link conv2dBackpropFilter}.
 */
export function depthwiseConv2dBackpropFilter(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  attrs: DepthwiseConv2dNativeBackpropFilterAttrs,
): tf.Tensor4D {
  return tf.tidy(() => {
    const info = backend_util.computeConv2DInfo(
      x.shape,
      attrs.filterShape,
      attrs.strides,
      attrs.dilations,
      attrs.pad,
      attrs.dimRoundingMode,
      true,
    );
    const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight, outWidth } = info;
    const { dilationHeight: dh, dilationWidth: dw, inHeight, inWidth, padInfo } = info;
    const [n, h, w, c] = x.shape;
    const m = attrs.filterShape[3];
    const bottom = (kh - 1) * dh + (outHeight - 1) * sh - padInfo.top - inHeight + 1;
    const right = (kw - 1) * dw + (outWidth - 1) * sw - padInfo.left - inWidth + 1;
    // Channel c·N + b of the image is channel c of example b.
    const image = tf.reshape(tf.transpose(x, [1, 2, 3, 0]), [1, h, w, c * n]);
    const padded = padOrCrop(image as tf.Tensor4D, [padInfo.top, bottom], [padInfo.left, right]);
    const filter = tf.reshape(tf.transpose(tf.reshape(dy, [n, outHeight, outWidth, c, m]), [1, 2, 3, 0, 4]), [
      outHeight,
      outWidth,
      c * n,
      m,
    ]) as tf.Tensor4D;
    const perExample = tf.depthwiseConv2d(padded, filter, [dh, dw], 'valid', 'NHWC', [sh, sw]);
    return tf.sum(tf.reshape(perExample, [kh, kw, c, n, m]), 3);
  });
}

/** The kernel registration of {@link depthwiseConv2dBackpropFilter}. */
export const depthwiseConv2dBackpropFilterKernel: Omit<KernelConfig, 'backendName'> = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  kernelFunc: ({ inputs, attrs }): TensorInfo =>
    depthwiseConv2dBackpropFilter(
      asTensor<tf.Rank.R4>(inputs['x']!),
      asTensor<tf.Rank.R4>(inputs['dy']!),
      attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs & NamedAttrMap,
    ),
};
