// The package is dependency-free: no tfjs, no @nnopt/core, no Node built-ins in library code.
// Sources are read through Vite's import.meta.glob (not node:fs), so this suite also runs in the browser harness.
import { describe, expect, it } from 'vitest';
import pkg from '../package.json';

declare global {
  interface ImportMeta {
    glob<T>(pattern: string, options: { query: '?raw'; import: 'default'; eager: true }): Record<string, T>;
  }
}

const sources = Object.entries(
  import.meta.glob<string>('./*.ts', { query: '?raw', import: 'default', eager: true }),
).filter(([file]) => !file.endsWith('.test.ts') && file !== './testing.ts');

describe('@nnopt/schedulers is dependency-free', () => {
  it('declares no runtime or peer dependencies', () => {
    const manifest = pkg as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    expect(JSON.stringify(manifest)).not.toMatch(/tfjs|@nnopt\/core/);
  });

  it('library sources import only each other, with no side-effect imports', () => {
    expect(sources.length).toBeGreaterThan(20);
    for (const [file, text] of sources) {
      const specifiers = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
      for (const s of specifiers) expect(s.startsWith('./'), `${file} imports ${s}`).toBe(true);
      expect(text, file).not.toMatch(/^import\s+'/m);
    }
  });

  it('index names every export explicitly', () => {
    const index = sources.find(([file]) => file === './index.ts')![1];
    expect(index).not.toMatch(/export \*/);
  });
});
