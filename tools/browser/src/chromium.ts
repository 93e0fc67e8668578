/**
 * How the harness starts Debian's Chromium through playwright: never a downloaded browser. WebGL runs on
 * SwiftShader (software), so the webgl backend is tested on machines without a GPU.
 */
export const chromiumPath = process.env.NNOPT_CHROMIUM ?? '/usr/bin/chromium';

/** Flags known to work headless here (see shared TOOLCHAIN.md). `--headless` is added by playwright. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

/** Flags for a GPU machine: hardware WebGL through ANGLE/EGL and WebGPU (`NNOPT_BROWSER_GPU=1`). */
export const chromiumGpuArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan,UseSkiaRenderer',
  '--use-angle=vulkan',
  '--ignore-gpu-blocklist',
];

/** The flags for this run: GPU flags when `NNOPT_BROWSER_GPU=1`, SwiftShader otherwise. */
export const launchArgs = (): string[] => [...(process.env.NNOPT_BROWSER_GPU === '1' ? chromiumGpuArgs : chromiumArgs)];
