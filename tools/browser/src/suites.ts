/** One package's suites in the browser run: globs relative to the repository root. */
export interface BrowserSuite {
  /** Test files to run in the page. */
  readonly include: readonly string[];
  /** Files of `include` that cannot run in a page, each with the reason in a comment beside it. */
  readonly exclude?: readonly string[];
}

/**
 * The package suites that run in the browser. A package joins the browser run by adding one line here; every
 * file matched runs once per backend of {@link browserBackends} (through `forEachBackend`).
 *
 * Suites are chosen to be representative and fast on SwiftShader WebGL (2 shared cores in CI): conformance and
 * parity suites, not long training runs. Node-only tests (files that read the disk with node:fs, spawn processes,
 * or exercise tfjs-node) are excluded by name with the reason, or named `*.node.test.ts` in their package.
 */
export const browserSuites: readonly BrowserSuite[] = [
  { include: ['tools/browser/src/**/*.test.ts'] },
  {
    include: ['packages/core/src/**/*.test.ts'],
    // Node-specific expectations ('auto' picks wasm, 'gpu' means tfjs-node-gpu); the browser twin is
    // tools/browser/src/backend.test.ts.
    exclude: ['packages/core/src/backend.test.ts'],
  },
  // Transforms, clipping and the tf.Optimizer adapter, with their PyTorch parity fixtures.
  { include: ['packages/optimizers/src/**/*.test.ts'] },
  // Pure functions of the step: backend-independent, cheap, and they prove the package loads in a page.
  { include: ['packages/schedulers/src/**/*.test.ts'] },
  // Penalties (torch autograd fixtures), the dropout family, label smoothing, cross-entropy.
  { include: ['packages/regularizers/src/**/*.test.ts'] },
  // Every transform against torchvision fixtures, the seeded-randomness table and the statistics.
  { include: ['packages/augment/src/**/*.test.ts'] },
  // Training step, fit with every callback, exact resume, metrics, data loading, TensorBoard events.
  { include: ['packages/trainer/src/**/*.test.ts'], exclude: ['packages/trainer/src/node/**'] /* files and node:zlib */ },
  // Layers and models against PyTorch (safetensors fixtures fetched from the dev server), the training kernels
  // against the cpu backend's, checkBackend.
  {
    include: ['packages/models/src/**/*.test.ts'],
    // Observes stock tfjs-backend-wasm before registerWasmTrainingKernels, which relies on Node's backend order
    // (cpu, then wasm); in the page webgl and wasm run first.
    exclude: ['packages/models/src/check-backend.test.ts'],
  },
];

/** Test files never run in the browser: Node-only by convention. */
export const nodeOnlySuites: readonly string[] = ['**/*.node.test.ts', '**/node_modules/**'];

/**
 * The backends every listed suite runs on, in the page. `webgl` is SwiftShader (software) in CI, real GPU WebGL
 * on a desktop; wasm loads its .wasm binaries from the dev server (see `setup.ts`). Override with the
 * `NNOPT_BROWSER_BACKENDS` environment variable (comma-separated), e.g. `webgpu,webgl` on a GPU machine.
 */
export const browserBackends: readonly string[] = ['webgl', 'wasm', 'cpu'];
