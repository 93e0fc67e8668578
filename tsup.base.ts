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
    // CJS output needs import.meta.url shimmed (toolchain pitfall 7).
    shims: true,
    treeshake: true,
    splitting: false,
    // tfjs-core's gradient configs ship only as unbundled ESM without file extensions: bundle them (core only).
    noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
    ...overrides,
  });
}
