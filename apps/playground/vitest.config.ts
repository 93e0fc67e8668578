import { defineConfig } from 'vitest/config';

/** Node-side tests: unit tests of the app's pieces and the real-browser test that drives the built app. */
export default defineConfig({
  resolve: { conditions: ['@nnopt/source'] },
  ssr: { resolve: { conditions: ['@nnopt/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
