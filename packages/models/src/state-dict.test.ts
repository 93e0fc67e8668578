import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTensors, prngKey } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { fixtureBytes, prepareBackend } from './__fixtures__/harness';
import { basicBlock } from './layers/basic-block';
import { conv2d } from './layers/conv2d';
import { stateDict, loadStateDict, saveStateDict } from './state-dict';

describe('stateDict / loadStateDict', () => {
  forEachBackend(() => {
    beforeAll(prepareBackend);
    it('names and shapes are PyTorch\u2019s (conv weights OIHW), buffers included', async () => {
      const block = basicBlock({ inPlanes: 4, planes: 8, stride: 2, key: prngKey(1) });
      await expectNoLeaks(() => {
        const sd = stateDict(block);
        expect(Object.keys(sd)).toEqual([
          'conv1.weight', 'bn1.weight', 'bn1.bias', 'bn1.running_mean', 'bn1.running_var', 'bn1.num_batches_tracked',
          'conv2.weight', 'bn2.weight', 'bn2.bias', 'bn2.running_mean', 'bn2.running_var', 'bn2.num_batches_tracked',
          'downsample.0.weight', 'downsample.1.weight', 'downsample.1.bias', 'downsample.1.running_mean',
          'downsample.1.running_var', 'downsample.1.num_batches_tracked',
        ]);
        expect(sd['conv1.weight']!.shape).toEqual([8, 4, 3, 3]);
        expect(sd['downsample.0.weight']!.shape).toEqual([8, 4, 1, 1]);
        expect(block.namedParameters()['conv1.weight']!.shape).toEqual([3, 3, 4, 8]);
        tf.dispose(Object.values(sd));
      });
      block.dispose();
    });

    it('round-trips through safetensors bytes and loads a file written by torch', async () => {
      const a = conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, padding: 1, key: prngKey(1) });
      const b = conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, padding: 1, key: prngKey(2) });
      const torchBytes = await fixtureBytes('conv_basic.safetensors');
      await expectNoLeaks(async () => {
        loadStateDict(a, torchBytes);
        const torchFile = loadTensors(torchBytes).tensors;
        const mine = stateDict(a);
        expectClose(mine['weight']!, torchFile['weight']!, { rtol: 0, atol: 0 }, 'weight as torch wrote it');
        loadStateDict(b, await saveStateDict(a));
        expectClose(b.namedParameters()['weight']!, a.namedParameters()['weight']!, { rtol: 0, atol: 0 }, 'round trip');
        tf.dispose([...Object.values(torchFile), ...Object.values(mine)]);
      });
      a.dispose();
      b.dispose();
    });

    it('lists missing keys, unexpected keys and shape mismatches, and a failed load changes nothing', async () => {
      const m = conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, key: prngKey(3) });
      await expectNoLeaks(() => {
        const before = Array.from(m.namedParameters()['weight']!.dataSync());
        const bad = { weight: tf.zeros([4, 3, 3, 3]), extra: tf.zeros([1]) };
        expect(() => loadStateDict(m, bad)).toThrow(/missing keys: bias[\s\S]*unexpected keys: extra/);
        const wrong = { weight: tf.zeros([4, 3, 5, 5]), bias: tf.zeros([4]) };
        expect(() => loadStateDict(m, wrong)).toThrow(/size mismatch for weight: got \[4, 3, 5, 5\], the model has \[4, 3, 3, 3\]/);
        expect(Array.from(m.namedParameters()['weight']!.dataSync())).toEqual(before);
        const result = loadStateDict(m, { weight: bad.weight }, { strict: false });
        expect(result).toEqual({ missingKeys: ['bias'], unexpectedKeys: [] });
        expect(Math.max(...Array.from(m.namedParameters()['weight']!.dataSync()).map(Math.abs))).toBe(0);
        tf.dispose([...Object.values(bad), ...Object.values(wrong)]);
      });
      m.dispose();
    });
  });
});
