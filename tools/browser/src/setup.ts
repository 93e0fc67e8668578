// Runs in the page before every test file: registers the backends the suites may ask for, serves the wasm
// backend's binaries from the dev server, and tells `forEachBackend` which backends to run.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { inject } from 'vitest';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

// `testBackends()` of @nnopt/core/testing reads NNOPT_TEST_BACKENDS from `process.env`; the page has no process.
const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
g.process ??= {};
g.process.env ??= {};
const backends = inject('nnoptBackends');
g.process.env.NNOPT_TEST_BACKENDS = backends.join(',');

// WebGPU only when asked for (GPU machine): in SwiftShader Chromium it has no adapter and would only slow 'auto'.
if (backends.includes('webgpu')) await import('@tensorflow/tfjs-backend-webgpu');
