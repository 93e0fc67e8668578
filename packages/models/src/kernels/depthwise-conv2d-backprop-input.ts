import * as tf from '@tensorflow/tfjs-core';
import {
  backend_util,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type KernelConfig,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { asTensor, spreadForInputGradient } from './kernel-tensors';

/**
 * `DepthwiseConv2dNativeBackpropInput` for backends without it (tfjs-backend-wasm 4.22): the input gradient of a
 * depthwise convolution with filter `[k_h, k_w, C, M]`,
 *
 * $$\partial x[n, i, j, c] = \sum_{k_h, k_w, m} \partial y\big[n, \tfrac{i + p_t - k_h d_h}{s_h}, \tfrac{j + p_l - k_w d_w}{s_w}, c M + m\big]\; W[k_h, k_w, c, m]$$
 *
 * (terms with a fractional or out-of-range index are zero). It is a stride-1 depthwise convolution, run natively,
 * of `∂y` with `s − 1` zeros inserted between rows and columns, padded by `(k − 1)·d − p` (cropped where negative),
 * with the filter rotated by 180° and viewed as `[k_h, k_w, C·M, 1]`; the `M` outputs of each channel are then added.
 */
export function depthwiseConv2dBackpropInput(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  attrs: DepthwiseConv2dNativeBackpropInputAttrs,
): tf.Tensor4D {
  return tf.tidy(() => {
    const info = backend_util.computeConv2DInfo(
      attrs.inputShape,
      filter.shape,
      attrs.strides,
      attrs.dilations,
      attrs.pad,
      attrs.dimRoundingMode,
      true,
    );
    const { filterHeight: kh, filterWidth: kw, dilationHeight: dh, dilationWidth: dw, inHeight, inWidth } = info;
    const n = dy.shape[0];
    const [, , c, m] = filter.shape;
    const padded = spreadForInputGradient(dy, info);
    const rotated = tf.reshape(tf.reverse(filter, [0, 1]), [kh, kw, c * m, 1]) as tf.Tensor4D;
    const perMultiplier = tf.depthwiseConv2d(padded, rotated, 1, 'valid', 'NHWC', [dh, dw]);
    return m === 1 ? perMultiplier : tf.sum(tf.reshape(perMultiplier, [n, inHeight, inWidth, c, m]), 4);
  });
}

/** The kernel registration of {@link depthwiseConv2dBackpropInput}. */
export const depthwiseConv2dBackpropInputKernel: Omit<KernelConfig, 'backendName'> = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  kernelFunc: ({ inputs, attrs }): TensorInfo =>
    depthwiseConv2dBackpropInput(
      asTensor<tf.Rank.R4>(inputs['dy']!),
      asTensor<tf.Rank.R4>(inputs['filter']!),
      attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs & NamedAttrMap,
    ),
};
