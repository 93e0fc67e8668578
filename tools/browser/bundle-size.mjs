// Bundles each library package's built ESM entry (dist/index.js) for the browser with esbuild, the way an
// application bundler would: platform 'browser', peers (@tensorflow/*) and other @nnopt packages external,
// minified. A package whose main entry pulls in a Node built-in fails here. Prints a markdown table of sizes.
// Usage (after `pnpm run build`): node tools/browser/bundle-size.mjs
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = new URL('../../packages/', import.meta.url);
const rows = [];
let failed = false;
for (const name of readdirSync(root).sort()) {
  const pkgDir = new URL(`${name}/`, root);
  const entry = new URL('dist/index.js', pkgDir);
  if (!existsSync(entry)) {
    rows.push(`| @nnopt/${name} | not built | | |`);
    continue;
  }
  const pkg = JSON.parse(readFileSync(new URL('package.json', pkgDir), 'utf8'));
  const bundle = (external) =>
    build({
      entryPoints: [entry.pathname],
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      external: ['@tensorflow/*', '@nnopt/*', ...external],
      logLevel: 'silent',
    });
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  const sizes = (result) => {
    const code = result.outputFiles[0].contents;
    return `${kb(code.length)} | ${kb(gzipSync(code).length)}`;
  };
  try {
    rows.push(`| ${pkg.name} | ${sizes(await bundle([]))} | ok |`);
  } catch (error) {
    failed = true;
    const first = error.errors?.[0]?.text ?? String(error);
    // Size it anyway, with Node built-ins left external, so the table still has a figure.
    const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
    const fallback = await bundle(nodeBuiltins).then(sizes, () => ' | ');
    rows.push(`| ${pkg.name} | ${fallback} | FAILS: ${first} |`);
  }
}
console.log('| package | min | min+gzip | browser bundle (no Node built-ins) |\n|---|---|---|---|');
console.log(rows.join('\n'));
process.exitCode = failed ? 1 : 0;
