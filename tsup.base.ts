import { defineConfig, type Options } from 'tsup';

/**
 * The one way every @nnopt package builds: ESM + CJS + .d.ts for each entry, tree-shakeable, peers external.
 * `entry` maps output names to sources, e.g. `{ index: 'src/index.ts', testing: 'src/testing/index.ts' }`.
 */
export function packageConfig(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    // CJS output needs import.meta.url (toolchain pitfall 7). tsup's `shims` would also add `import 'path'` and
    // `import 'url'` to the ESM output, which browser bundlers reject: define it for the CJS build only.
    esbuildOptions(options, { format }) {
      if (format !== 'cjs') return;
      options.define = { ...options.define, 'import.meta.url': '__nnoptImportMetaUrl' };
      options.banner = { js: `var __nnoptImportMetaUrl = require('url').pathToFileURL(__filename).href;${options.banner?.js ? `\n${options.banner.js}` : ''}` };
    },
    treeshake: true,
    splitting: false,
    // tfjs-core's gradient configs ship only as unbundled ESM without file extensions: bundle them (core only).
    noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
    ...overrides,
  });
}
