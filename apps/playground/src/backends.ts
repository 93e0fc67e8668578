import { useBackend } from '@nnopt/core';

/** Backends the playground can run on, fastest first. */
export const backendNames = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type PlaygroundBackend = (typeof backendNames)[number];

/** Whether this browser can run a backend, and why not. */
export interface Availability {
  readonly available: boolean;
  readonly reason?: string;
}

/** Detects, without loading any backend, which of {@link backendNames} this browser supports. */
export async function detectBackends(): Promise<Record<PlaygroundBackend, Availability>> {
  const webgpu = async (): Promise<Availability> => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (gpu == null) return { available: false, reason: 'navigator.gpu is missing (WebGPU disabled or unsupported)' };
    try {
      return (await gpu.requestAdapter()) != null ? { available: true } : { available: false, reason: 'no WebGPU adapter' };
    } catch (error) {
      return { available: false, reason: `requestAdapter failed: ${(error as Error).message}` };
    }
  };
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  return {
    webgpu: await webgpu(),
    webgl: gl != null ? { available: true } : { available: false, reason: 'no WebGL context' },
    wasm: typeof WebAssembly === 'object' ? { available: true } : { available: false, reason: 'no WebAssembly' },
    cpu: { available: true },
  };
}

// Each backend package is its own chunk, fetched only when chosen (all served from the built app: offline).
const loaders: Record<PlaygroundBackend, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
  wasm: async () => {
    const [wasm, plain, simd, threaded] = await Promise.all([
      import('@tensorflow/tfjs-backend-wasm'),
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
    ]);
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': plain.default,
      'tfjs-backend-wasm-simd.wasm': simd.default,
      'tfjs-backend-wasm-threaded-simd.wasm': threaded.default,
    });
  },
};

/** Loads the backend's package (once) and activates it through `@nnopt/core`'s `useBackend`. */
export async function activateBackend(name: PlaygroundBackend): Promise<string> {
  await loaders[name]();
  return useBackend(name, { log: () => {} });
}
