import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients } from './gradients';

/**
 * Backends nnopt can select. `'node'` is `@tensorflow/tfjs-node`, `'node-gpu'` is `@tensorflow/tfjs-node-gpu`,
 * `'gpu'` the best GPU backend of the environment (node-gpu in Node; webgpu, else webgl, in a browser) and `'auto'`
 * the fastest backend available.
 */
export type BackendName = 'cpu' | 'wasm' | 'webgl' | 'webgpu' | 'node' | 'node-gpu' | 'gpu' | 'auto';

type ConcreteBackend = Exclude<BackendName, 'gpu' | 'auto'>;

interface BackendSpec {
  /** The npm package that registers the backend when imported. */
  readonly pkg: string;
  /** The name the package registers with tfjs. */
  readonly tfName: string;
  /** Which other backend to suggest when this one cannot be had. */
  readonly instead: string;
}

const specs: Record<ConcreteBackend, BackendSpec> = {
  'node-gpu': { pkg: '@tensorflow/tfjs-node-gpu', tfName: 'tensorflow', instead: "'node' or 'wasm'" },
  node: { pkg: '@tensorflow/tfjs-node', tfName: 'tensorflow', instead: "'wasm'" },
  webgpu: { pkg: '@tensorflow/tfjs-backend-webgpu', tfName: 'webgpu', instead: "'webgl' or 'wasm'" },
  webgl: { pkg: '@tensorflow/tfjs-backend-webgl', tfName: 'webgl', instead: "'wasm'" },
  wasm: { pkg: '@tensorflow/tfjs-backend-wasm', tfName: 'wasm', instead: "'cpu'" },
  cpu: { pkg: '@tensorflow/tfjs-backend-cpu', tfName: 'cpu', instead: "'wasm'" },
};

/** Fastest first: the order `'auto'` tries. */
const autoOrder: readonly ConcreteBackend[] = ['node-gpu', 'node', 'webgpu', 'webgl', 'wasm', 'cpu'];

const isNode = typeof process !== 'undefined' && process.versions?.node != null;

/** The error {@link useBackend} throws when a backend cannot be loaded or initialized. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
}

/**
 * Loads (lazily) and activates a backend, registers gradients, and resolves to the tfjs backend name in use.
 *
 * Backend packages are optional peer dependencies: the application installs the ones it wants. In Node they are
 * imported on demand; in a browser bundle, import the backend package in the application (e.g.
 * `import '@tensorflow/tfjs-backend-webgl'`) so the bundler includes it, then call `useBackend('webgl')`.
 * Asking for a backend whose package is missing throws a {@link BackendUnavailableError} saying what to install
 * and which backend to use instead. `'auto'` tries node-gpu, node, webgpu, webgl, wasm, cpu in that order and logs
 * its pick through `log` (default `console.info`).
 */
export async function useBackend(
  name: BackendName,
  { log = (message: string) => console.info(message) }: { log?: (message: string) => void } = {},
): Promise<string> {
  ensureGradients();
  if (name === 'auto' || name === 'gpu') {
    const candidates = name === 'auto' ? autoOrder : isNode ? (['node-gpu'] as const) : (['webgpu', 'webgl'] as const);
    const failures: string[] = [];
    for (const candidate of candidates) {
      try {
        const picked = await activate(candidate);
        log(`nnopt: backend '${name}' picked '${candidate}' (tfjs backend '${picked}')`);
        return picked;
      } catch (error) {
        failures.push(`  ${candidate}: ${(error as Error).message}`);
      }
    }
    throw new BackendUnavailableError(`no backend for '${name}' is available:\n${failures.join('\n')}`);
  }
  if (!(name in specs)) {
    throw new RangeError(`backend must be one of ${[...Object.keys(specs), 'gpu', 'auto'].join(', ')}, got '${name}'`);
  }
  return activate(name);
}

async function activate(name: ConcreteBackend): Promise<string> {
  const spec = specs[name];
  if (tf.findBackendFactory(spec.tfName) == null) await load(name, spec);
  let ok = false;
  try {
    ok = await tf.setBackend(spec.tfName);
  } catch (error) {
    throw new BackendUnavailableError(`backend '${name}' failed to initialize: ${(error as Error).message}`);
  }
  if (!ok) {
    throw new BackendUnavailableError(`backend '${name}' failed to initialize here; use ${spec.instead} instead`);
  }
  await tf.ready();
  return tf.getBackend();
}

async function load(name: ConcreteBackend, spec: BackendSpec): Promise<void> {
  const missing = new BackendUnavailableError(
    `backend '${name}' needs the package ${spec.pkg}, which is not installed: run \`npm install ${spec.pkg}\`` +
      (isNode ? '' : ` and import it in your application`) +
      `, or use ${spec.instead} instead`,
  );
  if (isNode) {
    // A missing package is detected by resolving it first: dynamic import errors differ between runtimes.
    const nodeModule = 'node:module'; // a variable, so browser bundlers never try to resolve it
    const { createRequire } = (await import(/* @vite-ignore */ nodeModule)) as typeof import('node:module');
    try {
      createRequire(import.meta.url).resolve(spec.pkg);
    } catch {
      throw missing;
    }
  }
  try {
    await import(/* @vite-ignore */ /* webpackIgnore: true */ spec.pkg);
  } catch (error) {
    if (!isNode) throw missing;
    throw new BackendUnavailableError(`backend '${name}': loading ${spec.pkg} failed: ${(error as Error).message}`);
  }
  if (tf.findBackendFactory(spec.tfName) == null) {
    throw new BackendUnavailableError(`backend '${name}': ${spec.pkg} loaded but registered no '${spec.tfName}' backend`);
  }
}
