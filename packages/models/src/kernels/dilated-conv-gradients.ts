import * as tf from '@tensorflow/tfjs-core';
import {
  backend_util,
  Conv2D,
  DepthwiseConv2dNative,
  getGradient,
  registerGradient,
  type Conv2DAttrs,
  type DepthwiseConv2dNativeAttrs,
  type GradConfig,
  type NamedAttrMap,
} from '@tensorflow/tfjs-core';
import { ensureGradients } from '@nnopt/core';
import { filterGradient } from './conv2d-backprop-filter';
import { depthwiseConv2dBackpropFilter } from './depthwise-conv2d-backprop-filter';
import { depthwiseConv2dBackpropInput } from './depthwise-conv2d-backprop-input';
import { insertZeros } from './kernel-tensors';

const dilatedMarker = Symbol('nnopt.dilatedConvGradient');

type MarkedGradConfig = GradConfig & { [dilatedMarker]?: true };

function isDilated(dilations: number | [number, number] | undefined): boolean {
  const [dh, dw] = typeof dilations === 'number' ? [dilations, dilations] : dilations ?? [1, 1];
  return dh !== 1 || dw !== 1;
}

/**
 * A dilation `d` conv filter as the equivalent undilated one: `d − 1` zero taps between taps, size `(k − 1)·d + 1`.
 */
function dilateFilter(w: tf.Tensor4D, dh: number, dw: number): tf.Tensor4D {
  const [kh, kw, ci, co] = w.shape;
  const full = tf.reshape(insertZeros(w, [1, kh, kw, ci * co], [dh, dw]), [kh * dh, kw * dw, ci, co]) as tf.Tensor4D;
  return tf.slice(full, [0, 0, 0, 0], [(kh - 1) * dh + 1, (kw - 1) * dw + 1, ci, co]);
}

function conv2dGradient(stock: GradConfig): MarkedGradConfig {
  return {
    kernelName: Conv2D,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const { dilations, strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as Conv2DAttrs & NamedAttrMap;
      if (!isDilated(dilations)) return stock.gradFunc(dy, saved, attrs);
      const [x4, w] = saved as [tf.Tensor4D, tf.Tensor4D];
      const nchw = dataFormat === 'NCHW';
      const x = nchw ? tf.transpose(x4, [0, 2, 3, 1]) : x4;
      const dyNhwc = (nchw ? tf.transpose(dy as tf.Tensor4D, [0, 2, 3, 1]) : dy) as tf.Tensor4D;
      const info = backend_util.computeConv2DInfo(x.shape, w.shape, strides, dilations, pad, dimRoundingMode, false, 'channelsLast');
      const { top, bottom, left, right } = info.padInfo;
      const toInput = (g: tf.Tensor4D) => (nchw ? tf.transpose(g, [0, 3, 1, 2]) : g);
      return {
        // tfjs allows dilation > 1 only with stride 1, where the dilated convolution is the ordinary one with a
        // zero-spread filter and the same (explicit) padding: its input gradient is the stock kernel's.
        x: () =>
          toInput(
            tf.conv2dTranspose(
              dyNhwc,
              dilateFilter(w, info.dilationHeight, info.dilationWidth),
              x.shape,
              1,
              [[0, 0], [top, bottom], [left, right], [0, 0]],
            ),
          ),
        filter: () => filterGradient(x, dyNhwc, info),
      };
    },
    [dilatedMarker]: true,
  };
}

function depthwiseGradient(stock: GradConfig): MarkedGradConfig {
  return {
    kernelName: DepthwiseConv2dNative,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const { dilations, strides, pad, dimRoundingMode } = attrs as unknown as DepthwiseConv2dNativeAttrs & NamedAttrMap;
      if (!isDilated(dilations)) return stock.gradFunc(dy, saved, attrs);
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const common = { strides, dilations, pad, dimRoundingMode };
      // Called directly, not through the registry: the cpu backend's kernels ignore dilations.
      return {
        x: () => depthwiseConv2dBackpropInput(dy as tf.Tensor4D, filter, { ...common, inputShape: x.shape }),
        filter: () => depthwiseConv2dBackpropFilter(x, dy as tf.Tensor4D, { ...common, filterShape: filter.shape }),
      };
    },
    [dilatedMarker]: true,
  };
}

/**
 * Makes dilated convolutions differentiable on every backend. tfjs-core's gradients of `conv2d` and
 * `depthwiseConv2d` throw for dilations > 1 ("not yet supported in gradients"); this replaces those two gradient
 * functions with ones that delegate to tfjs' own when the dilation is 1 and otherwise compute
 *
 * - conv2d: `∂x` as a transposed convolution with the zero-spread filter (tfjs pairs a dilation > 1 only with
 *   stride 1, where the two are the same map), `∂W` by {@link conv2dBackpropFilter}'s swapped convolution, which
 *   takes the dilation as its stride;
 * - depthwiseConv2d: {@link depthwiseConv2dBackpropInput} and {@link depthwiseConv2dBackpropFilter}, which implement
 *   dilations (the cpu backend's own kernels silently ignore them).
 *
 * Registers tfjs-core's gradients first (core's `ensureGradients`). Explicit and idempotent; returns the kernel
 * names whose gradients it replaced now (empty on later calls). {@link registerWasmTrainingKernels} calls it.
 */
export function registerDilatedConvGradients(): string[] {
  ensureGradients();
  const replaced: string[] = [];
  for (const [kernelName, make] of [
    [Conv2D, conv2dGradient],
    [DepthwiseConv2dNative, depthwiseGradient],
  ] as const) {
    const current = getGradient(kernelName) as MarkedGradConfig | undefined;
    if (current == null || current[dilatedMarker]) continue;
    registerGradient(make(current));
    replaced.push(kernelName);
  }
  return replaced;
}
