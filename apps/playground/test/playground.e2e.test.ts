import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real-browser test of the playground: builds the app, serves the static build on 127.0.0.1, and clicks
// through short training runs in Debian's headless Chromium (SwiftShader WebGL), one per backend.
const appDir = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${appDir}test-results/dist`;
/** Where the screenshot goes: test-results/ by default; PLAYGROUND_SCREENSHOT overrides (docs/ when refreshing). */
const screenshotPath = process.env.PLAYGROUND_SCREENSHOT ?? `${appDir}test-results/playground.png`;
const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

interface Metrics {
  step: number;
  loss: number;
  numTensors: number;
  testAccuracy?: number;
  imagesPerSecond: number;
}
interface Handle {
  state: string;
  backend?: string;
  history: Metrics[];
  error?: string;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('playground in headless Chromium', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  const external: string[] = [];

  beforeAll(async () => {
    await build({ root: appDir, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    server = await preview({ root: appDir, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('vite preview gave no URL');
    browser = await chromium.launch({ executablePath: process.env.NNOPT_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs, headless: true });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    // Offline once built: every request must go to the local server; anything else is recorded and refused.
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(url)) return route.continue();
      external.push(route.request().url());
      return route.abort();
    });
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { playground: Handle }).playground.state !== 'loading');
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  });

  async function runTraining(options: Record<string, string>): Promise<Handle> {
    for (const [id, value] of Object.entries(options)) {
      const el = page.locator(`#${id}`);
      if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
      else await el.fill(value);
    }
    // Mark the handle so a finished earlier run is not mistaken for this one.
    await page.evaluate(() => ((window as unknown as { playground: Handle }).playground.state = 'clicked'));
    await page.click('#train');
    await page.waitForFunction(() => {
      const s = (window as unknown as { playground: Handle }).playground.state;
      return s === 'done' || s === 'error';
    }, undefined, { timeout: 180_000 });
    return page.evaluate(() => (window as unknown as { playground: Handle }).playground);
  }

  it('detects the backends of this browser: webgl (SwiftShader), wasm and cpu, no WebGPU adapter', async () => {
    const options = await page.locator('#backend option:not([disabled])').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['webgl', 'wasm', 'cpu']));
    expect(await page.textContent('#status')).toMatch(/Ready: 2000 training and 500 test images/);
  });

  // Short runs with different optimizers, schedules and augmentations, one per backend; the loss must fall, the
  // live tensor count must stay flat, and the app must report the backend it actually ran on.
  it.each([
    { backend: 'cpu', optimizer: 'momentum', schedule: 'stepLR', augment: 'horizontalFlip', steps: '60' },
    { backend: 'wasm', optimizer: 'sgd', schedule: 'cosineAnnealingLR', augment: 'gaussianNoise', steps: '60' },
    { backend: 'webgl', optimizer: 'adam', schedule: 'warmupCosineDecay', augment: 'randomShift', steps: '120' },
  ])('trains on $backend with $optimizer, $schedule, $augment to a falling loss', async ({ backend, ...rest }) => {
    const result = await runTraining({ backend, ...rest, batchSize: '64' });
    expect(result.error).toBeUndefined();
    expect(result.state).toBe('done');
    expect(result.backend).toBe(backend);
    const losses = result.history.map((m) => m.loss);
    expect(losses).toHaveLength(Number(rest.steps));
    const first = mean(losses.slice(0, 10));
    const last = mean(losses.slice(-10));
    // Cross-entropy starts near ln(10) = 2.30 for a fresh 10-class model; 60 steps of batch 64 must cut it well down.
    expect(first).toBeGreaterThan(1.5);
    expect(last).toBeLessThan(0.75 * first);
    const accuracy = result.history.filter((m) => m.testAccuracy !== undefined).map((m) => m.testAccuracy!);
    expect(accuracy[accuracy.length - 1]).toBeGreaterThan(0.55);
    // Flat memory: no tensor growth between step 5 and the last step.
    expect(result.history[result.history.length - 1]!.numTensors).toBe(result.history[5]!.numTensors);
    console.info(
      `playground ${backend}: loss ${first.toFixed(3)} -> ${last.toFixed(3)}, test accuracy ${accuracy[accuracy.length - 1]}, ` +
        `${Math.round(mean(result.history.slice(5).map((m) => m.imagesPerSecond)))} images/s`,
    );
    if (backend === 'webgl') {
      mkdirSync(fileURLToPath(new URL('.', `file://${screenshotPath}`)), { recursive: true });
      await page.screenshot({ path: screenshotPath, fullPage: true });
    }
  });

  it('rejects a bad option in the page, naming it, and starts nothing', async () => {
    const result = await runTraining({ backend: 'cpu', steps: '0' });
    expect(result.state).toBe('error');
    expect(await page.textContent('#status')).toMatch(/steps must be an integer in \[1, 100000\], got 0/);
  });

  it('made no request outside the local server (works offline once built)', () => {
    expect(external).toEqual([]);
  });
});
