import { defineConfig } from 'vite';

/** The playground builds to static files (dist/) that work offline: data, wasm binaries and backends included. */
export default defineConfig({
  base: './',
  resolve: { conditions: ['@nnopt/source'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000, assetsInlineLimit: 0 },
  worker: { format: 'es' },
});
