/**
 * Seeded multiplicative noise for timm-style schedules, a pure function of `(seed, t)`.
 *
 * timm seeds a torch generator with `noiseSeed + t` and draws one value; this draws from a small counter-based
 * generator keyed the same way (MurmurHash3's finalizer feeding mulberry32), so the noise is reproducible on every
 * platform and order of evaluation, but its bits differ from torch's Mersenne Twister.
 */
export function seededNoise(
  seed: number,
  t: number,
  type: 'normal' | 'uniform',
  pct: number,
  std: number,
): number {
  const next = stream(seed + t);
  if (type === 'uniform') return 2 * (next() - 0.5) * pct;
  // Rejection sampling as in timm: redraw until the normal sample lies within (-pct, pct).
  for (;;) {
    const u1 = 1 - next(); // (0, 1], so the log is finite
    const u2 = next();
    const noise = std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    if (Math.abs(noise) < pct) return noise;
  }
}

/** Uniform [0, 1) draws from a generator keyed by the integer `key` (any safe integer). */
function stream(key: number): () => number {
  const low = key >>> 0;
  const high = Math.floor(key / 2 ** 32) >>> 0;
  let state = fmix32(low ^ fmix32(high + 0x9e3779b9));
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let z = Math.imul(state ^ (state >>> 15), 1 | state);
    z = (z + Math.imul(z ^ (z >>> 7), 61 | z)) ^ z;
    return ((z ^ (z >>> 14)) >>> 0) / 2 ** 32;
  };
}

function fmix32(h: number): number {
  let x = h | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
