import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, ensureGradients, useBackend } from '@nnopt/core';
import { expectClose, expectNoLeaks } from '@nnopt/core/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';

// The browser twin of packages/core/src/backend.test.ts: what `useBackend` does in a page, and proof that the
// backends the suites claim to run on really are the ones active (not a silent fallback to cpu).
describe('useBackend in the browser', () => {
  afterAll(async () => {
    await useBackend('cpu', { log: () => {} });
  });

  it.each(inject('nnoptBackends'))('activates %s, which then runs ops', async (name) => {
    expect(await useBackend(name as 'cpu', { log: () => {} })).toBe(name);
    expect(tf.getBackend()).toBe(name);
    await expectNoLeaks(async () => {
      const y = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])));
      // [[1,2],[3,4]] @ [[5,6],[7,8]] = [[1*5+2*7, 1*6+2*8], [3*5+4*7, 3*6+4*8]]
      expectClose(await y.data(), [19, 22, 43, 50], {}, `matMul on ${name}`);
      y.dispose();
    });
  });

  it("'auto' and 'gpu' pick the best GPU backend registered in the page and say so", async () => {
    // webgpu is registered only when the run asks for it (NNOPT_BROWSER_BACKENDS), as on the GPU machine.
    const expected = inject('nnoptBackends').includes('webgpu') ? 'webgpu' : 'webgl';
    const messages: string[] = [];
    expect(await useBackend('auto', { log: (m) => messages.push(m) })).toBe(expected);
    expect(messages).toEqual([`nnopt: backend 'auto' picked '${expected}' (tfjs backend '${expected}')`]);
    expect(await useBackend('gpu', { log: () => {} })).toBe(expected);
  });

  it('reports the WebGL renderer (SwiftShader in CI)', () => {
    const gl = document.createElement('canvas').getContext('webgl2');
    expect(gl).not.toBeNull();
    const info = gl!.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl!.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl!.getParameter(gl!.RENDERER));
    console.info(`nnopt browser harness: WebGL renderer ${renderer}`);
    expect(renderer.length).toBeGreaterThan(0);
  });

  it('node and node-gpu fail with an error that tells browser users to import the package', async () => {
    await expect(useBackend('node')).rejects.toThrow(BackendUnavailableError);
    await expect(useBackend('node')).rejects.toThrow(/and import it in your application, or use 'wasm' instead/);
  });

  it('webgl computes in float32 here, so the per-backend tolerances of the suites hold', async () => {
    await useBackend('webgl', { log: () => {} });
    expect(tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED')).toBe(true);
    // 1 + 2^-20 is representable in float32 but not in float16 (10-bit mantissa).
    const x = tf.scalar(1 + 2 ** -20);
    const y = tf.sub(x, 1);
    expect(await y.data()).toEqual(new Float32Array([2 ** -20]));
    tf.dispose([x, y]);
  });

  it('gradients are registered without a side-effect import', async () => {
    ensureGradients();
    expect(tf.getGradient('Conv2D')).toBeDefined();
  });
});
