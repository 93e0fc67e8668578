import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { BackendUnavailableError, useBackend, type BackendName } from './backend';

describe('useBackend', () => {
  afterAll(async () => {
    await useBackend('cpu', { log: () => {} });
  });

  it.each(['cpu', 'wasm'] as const)('activates %s and returns its tfjs name', async (name) => {
    expect(await useBackend(name)).toBe(name);
    expect(tf.getBackend()).toBe(name);
  });

  it.each([
    ['node-gpu', '@tensorflow/tfjs-node-gpu', "'node' or 'wasm'"],
    ['node', '@tensorflow/tfjs-node', "'wasm'"],
  ] as const)('%s without its package says what to install and what to use instead', async (name, pkg, instead) => {
    const attempt = useBackend(name);
    await expect(attempt).rejects.toThrow(BackendUnavailableError);
    await expect(useBackend(name)).rejects.toThrow(`needs the package ${pkg}, which is not installed: run \`npm install ${pkg}\``);
    await expect(useBackend(name)).rejects.toThrow(`use ${instead} instead`);
  });

  it("'auto' picks the fastest available backend here (wasm) and says so", async () => {
    const messages: string[] = [];
    expect(await useBackend('auto', { log: (m) => messages.push(m) })).toBe('wasm');
    expect(messages).toEqual(["nnopt: backend 'auto' picked 'wasm' (tfjs backend 'wasm')"]);
  });

  it("'gpu' in Node without tfjs-node-gpu lists why it failed", async () => {
    await expect(useBackend('gpu')).rejects.toThrow(/no backend for 'gpu' is available:\n {2}node-gpu: .*tfjs-node-gpu/);
  });

  it('rejects an unknown name with the list of valid ones', async () => {
    await expect(useBackend('tpu' as BackendName)).rejects.toThrow(RangeError);
    await expect(useBackend('tpu' as BackendName)).rejects.toThrow(/backend must be one of cpu|wasm/);
  });
});
