import * as tf from '@tensorflow/tfjs-core';
import { assertOption } from '@nnopt/core';
import { defineModule, type Module } from '../module';

/**
 * `torch.nn.Flatten(startDim, endDim)`: merges axes `startDim..endDim` (defaults 1 and -1). With `torchOrder`
 * (default true) a rank-4 NHWC input is first transposed to NCHW, so the flattened features come in PyTorch's
 * `(c, h, w)` order and a following `linear` takes PyTorch's weights unchanged; set it false to flatten NHWC as is
 * (faster, but its weights then differ from PyTorch's by a permutation).
 */
export function flatten({ startDim = 1, endDim = -1, torchOrder = true }: { startDim?: number; endDim?: number; torchOrder?: boolean } = {}): Module {
  assertOption(Number.isInteger(startDim), 'startDim', startDim, 'an integer');
  assertOption(Number.isInteger(endDim), 'endDim', endDim, 'an integer');
  return defineModule({
    type: 'Flatten',
    forward: (x) =>
      tf.tidy(() => {
        const t = torchOrder && x.rank === 4 ? tf.transpose(x, [0, 3, 1, 2]) : x;
        const start = startDim < 0 ? t.rank + startDim : startDim;
        const end = endDim < 0 ? t.rank + endDim : endDim;
        if (start < 0 || end >= t.rank || start > end) {
          throw new Error(`Flatten: startDim ${startDim} / endDim ${endDim} do not fit an input of rank ${t.rank}`);
        }
        const merged = t.shape.slice(start, end + 1).reduce((a, b) => a * b, 1);
        return tf.reshape(t, [...t.shape.slice(0, start), merged, ...t.shape.slice(end + 1)]);
      }),
  });
}
