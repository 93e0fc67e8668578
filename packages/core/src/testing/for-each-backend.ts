import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { useBackend, type BackendName } from '@nnopt/core';

/**
 * The backends a test suite runs on: `NNOPT_TEST_BACKENDS` (comma-separated) when set, else cpu and wasm, the two
 * backends every environment can run.
 */
export function testBackends(): BackendName[] {
  const fromEnv = typeof process !== 'undefined' ? process.env?.NNOPT_TEST_BACKENDS : undefined;
  return (fromEnv ? fromEnv.split(',').map((s) => s.trim()) : ['cpu', 'wasm']) as BackendName[];
}

/**
 * Declares `body` once per test backend, inside `describe('<backend>')`, with that backend active for its tests.
 * Tolerances that differ per backend are looked up by the body from the backend name it receives.
 */
export function forEachBackend(body: (backend: BackendName) => void, backends: BackendName[] = testBackends()): void {
  for (const backend of backends) {
    describe(backend, () => {
      let previous = '';
      beforeAll(async () => {
        previous = tf.getBackend() ?? '';
        // IS_TEST silences the cpu backend's Node banner at creation; left on, it also turns on tfjs' per-kernel
        // leak check, which misfires on some wasm kernels, so it is only set while the backend starts.
        const testMode = tf.env().getBool('IS_TEST');
        tf.env().set('IS_TEST', true);
        await useBackend(backend, { log: () => {} });
        tf.env().set('IS_TEST', testMode);
      });
      afterAll(async () => {
        if (previous) await tf.setBackend(previous);
      });
      body(backend);
    });
  }
}
