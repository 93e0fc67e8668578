import { defineConfig } from 'vitest/config';

/** Shared vitest settings: workspace packages resolve to their TypeScript sources, so tests need no build. */
export const vitestConfig = defineConfig({
  resolve: { conditions: ['@nnopt/source'] },
  ssr: { resolve: { conditions: ['@nnopt/source'] } },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
