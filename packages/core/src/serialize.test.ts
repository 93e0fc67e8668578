import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { loadState, loadTensors, saveState, saveTensors } from './serialize';
import { forEachBackend, expectNoLeaks } from './testing';

forEachBackend(() => {
  it('saveTensors/loadTensors round-trip float32, int32 and bool bit-exactly', async () => {
    await expectNoLeaks(async () => {
      const tensors = {
        'layer1.0.conv1.weight': tf.tensor([0.1, -0, NaN, 1e-38], [2, 2]),
        'bn1.num_batches_tracked': tf.scalar(7, 'int32'),
        mask: tf.tensor([true, false], [2], 'bool'),
      };
      const bytes = await saveTensors(tensors, { framework: 'nnopt' });
      const { tensors: back, metadata } = loadTensors(bytes);
      expect(metadata).toEqual({ framework: 'nnopt' });
      for (const [name, t] of Object.entries(tensors)) {
        const b = back[name]!;
        expect(b.dtype).toBe(t.dtype);
        expect(b.shape).toEqual(t.shape);
        expect(new Uint8Array((b.dataSync() as Float32Array).buffer)).toEqual(new Uint8Array((t.dataSync() as Float32Array).buffer));
      }
      tf.dispose([...Object.values(tensors), ...Object.values(back)]);
    });
  });

  it('saveState/loadState keep the tree, tensors and exact numbers', async () => {
    await expectNoLeaks(async () => {
      const state = { 0: { count: 2 ** 40 + 1, mu: { w: tf.tensor([1, 2]) } }, 1: {}, 2: { lr: 0.1 } };
      const { state: back } = loadState(await saveState(state));
      const b = back as { 0: { count: number; mu: { w: tf.Tensor } }; 2: { lr: number } };
      expect(b[0].count).toBe(2 ** 40 + 1);
      expect(b[2].lr).toBe(0.1);
      expect(back[1]).toEqual({});
      expect(Array.from(b[0].mu.w.dataSync())).toEqual([1, 2]);
      tf.dispose([state[0].mu.w, b[0].mu.w]);
    });
  });

  it('loadState of a corrupt buffer names the source', async () => {
    const bytes = await saveState({ n: 1 });
    expect(() => loadState(bytes.subarray(0, bytes.length - 3), 'opt.safetensors')).toThrow(/^opt\.safetensors: truncated/);
  });
});
