import { normalValues, split, uniformValues, type PRNGKey } from '@nnopt/core';

/** Python's `round` (half to even), which torchvision uses for crop sizes and offsets. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** An integer uniform in [low, high), from a uniform `u` in [0, 1), as `torch.randint(low, high)`. */
export function randint(u: number, low: number, high: number): number {
  return Math.min(high - 1, low + Math.floor(u * (high - low)));
}

/** `n` per-sample Bernoulli(p) draws. */
export function coinFlips(key: PRNGKey, p: number, n: number): boolean[] {
  const u = uniformValues(key, n);
  return Array.from(u, (v) => v < p);
}

/** `n` floats uniform in [low, high). */
export function uniformIn(key: PRNGKey, n: number, low: number, high: number): number[] {
  return Array.from(uniformValues(key, n), (u) => low + (high - low) * u);
}

/**
 * One Gamma(alpha, 1) draw by Marsaglia and Tsang (2000), with the `U^(1/alpha)` boost for alpha < 1, driven by
 * blocks of host uniforms and normals derived from `key`.
 */
export function gamma(key: PRNGKey, alpha: number): number {
  const boost = alpha < 1;
  const a = boost ? alpha + 1 : alpha;
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let block = 0; ; block++) {
    const [kn, ku, kb] = split(foldKey(key, block), 3) as [PRNGKey, PRNGKey, PRNGKey];
    const z = normalValues(kn, 32);
    const u = uniformValues(ku, 32);
    for (let i = 0; i < 32; i++) {
      const v = (1 + c * z[i]!) ** 3;
      if (v <= 0) continue;
      const x = z[i]! ** 2;
      const ui = 1 - u[i]!; // in (0, 1]
      if (Math.log(ui) < 0.5 * x + d - d * v + d * Math.log(v)) {
        const g = d * v;
        return boost ? g * (1 - uniformValues(kb, 1)[0]!) ** (1 / alpha) : g;
      }
    }
  }
}

function foldKey(key: PRNGKey, i: number): PRNGKey {
  return i === 0 ? key : (split(key, i + 1)[i] as PRNGKey);
}

/** One Beta(alpha, beta) draw as `X / (X + Y)` with independent Gammas. */
export function betaSample(key: PRNGKey, alpha: number, beta: number): number {
  const [ka, kb] = split(key, 2) as [PRNGKey, PRNGKey];
  const x = gamma(ka, alpha);
  const y = gamma(kb, beta);
  return x + y === 0 ? 0.5 : x / (x + y);
}
