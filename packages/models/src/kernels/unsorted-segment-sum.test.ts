import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, it } from 'vitest';
import { UnsortedSegmentSum } from '@tensorflow/tfjs-core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { ints, onCpu, randn, runKernel, toTensor } from './kernel-test-utils';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';
import { unsortedSegmentSum } from './unsorted-segment-sum';

forEachBackend((backend) => {
  beforeAll(() => {
    registerWasmTrainingKernels();
  });

  it('sums rows with duplicate ids like the cpu kernel; 2-D ids, empty segments', async () => {
    const x = randn(7, [2, 3, 4]);
    const segmentIds = ints([4, 0, 4, 1, 4, 0], [2, 3]);
    // The cpu kernel mishandles rank-2 ids (a broadcast error) and webgl's fails to compile its shader for them, so
    // they get the same data flattened (tf.gather's gradient flattens its ids); the registered wasm kernel gets both.
    const flat = { x: { ...x, shape: [6, 4] }, segmentIds: { ...segmentIds, shape: [6] } };
    const expected = await onCpu(() => runKernel(UnsortedSegmentSum, flat, { numSegments: 6 }));
    await expectNoLeaks(() =>
      tf.tidy(() => {
        const direct = unsortedSegmentSum(toTensor(x), toTensor(segmentIds), 6);
        expectClose(direct, expected.values, { rtol: 1e-6, atol: 1e-6 }, `${backend} direct`);
        const inputs = backend === 'wasm' ? { x, segmentIds } : flat;
        expectClose(runKernel(UnsortedSegmentSum, inputs, { numSegments: 6 }), expected.values, {}, `${backend} kernel`);
      }),
    );
  });

  it('drops ids outside [0, numSegments) as TensorFlow does (hand-derived)', async () => {
    // rows [1,2], [3,4], [5,6], [7,8] with ids 1, -1, 1, 3 and numSegments 2: segment 0 empty, segment 1 = rows 0 + 2.
    await expectNoLeaks(() =>
      tf.tidy(() => {
        const y = unsortedSegmentSum(tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]), tf.tensor1d([1, -1, 1, 3], 'int32'), 2);
        expectClose(y, tf.tensor2d([0, 0, 6, 8], [2, 2]));
      }),
    );
  });

  it('makes tf.gather (embeddings) differentiable: gradient equals counts x upstream', async () => {
    // d/dtable sum(gather(table, ids) * r): row v receives the sum of r rows whose id is v.
    const table = tf.variable(toTensor(randn(8, [5, 3])));
    const ids = tf.tensor1d([2, 0, 2, 4], 'int32');
    const r = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [4, 3]);
    await expectNoLeaks(() => {
      const { grads, value } = tf.variableGrads(() => tf.sum(tf.mul(tf.gather(table, ids), r)) as tf.Scalar, [table]);
      // row 0 <- r[1] = [4,5,6]; row 2 <- r[0] + r[2] = [8,10,12]; row 4 <- r[3] = [10,11,12]; rows 1, 3 zero.
      expectClose(grads[table.name]!, [4, 5, 6, 0, 0, 0, 8, 10, 12, 0, 0, 0, 10, 11, 12], {}, `${backend} gather grad`);
      tf.dispose([value, grads[table.name]!]);
    });
    tf.dispose([table, ids, r]);
  });
});
