import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { normalValues, prngKey, type TrainableModel } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { checkBackend } from './check-backend';
import { registerWasmTrainingKernels } from './kernels/register-wasm-training-kernels';

/** conv2d -> relu -> an embedding lookup added per channel -> batch-statistics buffer update: a small CNN's kernels. */
function tinyModel(): TrainableModel & { dispose(): void } {
  const w = tf.variable(tf.tensor4d(normalValues(prngKey(1), 3 * 3 * 2 * 4), [3, 3, 2, 4]), true, 'conv.weight');
  const table = tf.variable(tf.tensor2d(normalValues(prngKey(2), 5 * 4), [5, 4]), true, 'emb.weight');
  const runningMean = tf.variable(tf.zeros([4]), false, 'bn.running_mean');
  return {
    forward: (x, { training }) =>
      tf.tidy(() => {
        const y = tf.relu(tf.conv2d(x as tf.Tensor4D, w, 1, 'same'));
        if (training) runningMean.assign(tf.add(tf.mul(runningMean, 0.9), tf.mul(tf.mean(y, [0, 1, 2]), 0.1)));
        return tf.add(y, tf.gather(table, tf.tensor1d([3], 'int32')));
      }),
    namedParameters: () => ({ 'conv.weight': w, 'emb.weight': table }),
    namedBuffers: () => ({ 'bn.running_mean': runningMean }),
    dispose: () => tf.dispose([w, table, runningMean]),
  };
}

forEachBackend((backend) => {
  it('names every kernel the backend lacks (stock wasm: the conv filter and gather gradients)', async () => {
    const model = tinyModel();
    const x = tf.ones([2, 4, 4, 2]);
    // The cpu suite runs first and registers nothing for wasm, so the wasm suite sees stock tfjs-backend-wasm here.
    const stock = backend === 'wasm';
    expect(getKernel('Conv2DBackpropFilter', 'wasm') == null).toBe(true);
    const report = await expectNoLeaks(() => checkBackend(model, x));
    if (stock) {
      expect(report.ok).toBe(false);
      // Both are reported although the first would have stopped the pass: missing kernels are bridged to cpu.
      expect(report.missingKernels).toEqual(['UnsortedSegmentSum', 'Conv2DBackpropFilter']);
      expect(report.message).toContain('registerWasmTrainingKernels()');
      expect(report.message).toContain(
        "backend 'wasm' lacks 2 kernels this model needs for training: UnsortedSegmentSum, Conv2DBackpropFilter.",
      );
      expect(report.message).not.toContain('stopped');
      // The dry pass left no bridge behind: a real gradient still fails on stock wasm.
      expect(getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    } else {
      expect(report).toMatchObject({ ok: true, missingKernels: [], backend });
    }
    expect(report.backend).toBe(backend);
    tf.dispose(x);
    model.dispose();
  });

  it('after registerWasmTrainingKernels the pass is clean, lists its kernels and leaves buffers alone', async () => {
    if (backend === 'wasm') registerWasmTrainingKernels();
    const model = tinyModel();
    const x = tf.ones([2, 4, 4, 2]);
    const before = model.namedBuffers()['bn.running_mean']!.dataSync().slice();
    const weights = model.namedParameters()['conv.weight']!.dataSync().slice();
    const report = await expectNoLeaks(() => checkBackend(model, x));
    expect(report).toMatchObject({ ok: true, missingKernels: [], backend });
    expect(report.kernels).toEqual(expect.arrayContaining(['Conv2D', 'Conv2DBackpropFilter', 'GatherV2', 'UnsortedSegmentSum']));
    expect(report.message).toBe(`backend '${backend}' runs the forward and backward pass of this model.`);
    expectClose(model.namedBuffers()['bn.running_mean']!, before, {}, 'running mean restored');
    expectClose(model.namedParameters()['conv.weight']!, weights, {}, 'weights untouched');
    tf.dispose(x);
    model.dispose();
  });

  it('reports a deliberately unregistered kernel clearly', async () => {
    const relu = getKernel('Relu', backend)!;
    unregisterKernel('Relu', backend);
    const model = tinyModel();
    const x = tf.ones([1, 3, 3, 2]);
    try {
      const report = await checkBackend(model, x);
      expect(report.ok).toBe(false);
      expect(report.missingKernels).toEqual(['Relu']);
      expect(report.message).toContain(`backend '${backend}' lacks a kernel this model needs for training: Relu.`);
      expect(report.message).toContain("No nnopt kernel provides Relu: use another backend (e.g. 'cpu') for this model.");
      // Only cpu itself cannot bridge to cpu, so only there may later kernels be hidden.
      expect(report.message.includes('The pass stopped at the first missing kernel')).toBe(backend === 'cpu');
    } finally {
      registerKernel(relu);
      tf.dispose(x);
      model.dispose();
    }
  });

  it('reports any other failure of the pass (here a forward that throws) as an error', async () => {
    const model: TrainableModel = {
      forward: () => {
        throw new Error('shapes [2,3] and [4] do not match');
      },
      namedParameters: () => ({}),
      namedBuffers: () => ({}),
    };
    const x = tf.ones([2, 3]);
    const report = await checkBackend(model, x);
    expect(report).toMatchObject({ ok: false, missingKernels: [], error: 'shapes [2,3] and [4] do not match' });
    expect(report.message).toContain(`The dry forward/backward pass on '${backend}' failed: shapes [2,3] and [4] do not match`);
    x.dispose();
  });
});
