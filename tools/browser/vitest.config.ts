import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumPath, launchArgs } from './src/chromium.ts';
import { browserBackends, browserSuites, nodeOnlySuites } from './src/suites.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const backends = process.env.NNOPT_BROWSER_BACKENDS?.split(',').map((s) => s.trim()) ?? [...browserBackends];

/**
 * Vitest browser mode: the package suites listed in `src/suites.ts` run unchanged inside headless Chromium
 * (Debian's, through playwright-core), once per backend in `forEachBackend`.
 */
export default defineConfig({
  resolve: { conditions: ['@nnopt/source'] },
  optimizeDeps: {
    // Pre-bundle once up front: a mid-run re-optimization reloads the page and fails the running file.
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
    ],
  },
  test: {
    // Test globs are relative to the repository root; vite's root stays here so it resolves our dependencies.
    dir: repoRoot,
    include: browserSuites.flatMap((s) => s.include),
    exclude: [...nodeOnlySuites, ...browserSuites.flatMap((s) => s.exclude ?? [])],
    setupFiles: [`${here}src/setup.ts`],
    provide: { nnoptBackends: backends },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One file at a time: SwiftShader WebGL is CPU-bound and CI has 2 cores.
    fileParallelism: false,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({ launchOptions: { executablePath: chromiumPath, args: launchArgs() } }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
