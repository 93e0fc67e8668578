import * as tf from '@tensorflow/tfjs-core';

/**
 * A JAX-style PRNG key: two uint32 words. Keys are plain values; every random draw is a pure function of a key,
 * and fresh keys come from {@link split} or {@link foldIn}, never from hidden global state. All bits are made on
 * the host with Threefry-2x32 (20 rounds, Salmon et al. 2011, the generator JAX uses), so a seed gives bit-identical
 * results on every tfjs backend.
 */
export type PRNGKey = readonly [number, number];

/** A key from an integer seed in [0, 2^53): high and low 32-bit words, as `jax.random.PRNGKey`. */
export function prngKey(seed: number): PRNGKey {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be an integer in [0, 2^53), got ${seed}`);
  return [Math.floor(seed / 2 ** 32) >>> 0, seed >>> 0];
}

const rotations = [13, 15, 26, 6, 17, 29, 16, 24] as const;

/**
 * Threefry-2x32 with 20 rounds over counter pairs `(x0[i], x1[i])`, in place. Matches the Random123 reference
 * (e.g. key 0, counter 0 gives 0x6b200159, 0x99ba4efe).
 */
export function threefry2x32(key: PRNGKey, x0: Uint32Array, x1: Uint32Array): void {
  const k0 = key[0] >>> 0;
  const k1 = key[1] >>> 0;
  const k2 = (k0 ^ k1 ^ 0x1bd11bda) >>> 0;
  const ks = [k0, k1, k2];
  for (let i = 0; i < x0.length; i++) {
    let a = (x0[i]! + k0) >>> 0;
    let b = (x1[i]! + k1) >>> 0;
    for (let block = 0; block < 5; block++) {
      const r = block % 2 === 0 ? 0 : 4;
      for (let j = 0; j < 4; j++) {
        a = (a + b) >>> 0;
        const rot = rotations[r + j]!;
        b = ((b << rot) | (b >>> (32 - rot))) ^ a;
      }
      a = (a + ks[(block + 1) % 3]!) >>> 0;
      b = (b + ks[(block + 2) % 3]! + block + 1) >>> 0;
    }
    x0[i] = a;
    x1[i] = b;
  }
}

/** `n` random 32-bit words from `key`: Threefry of the counters 0..n-1, as `jax.random.bits`. */
export function randomBits(key: PRNGKey, n: number): Uint32Array {
  const half = Math.ceil(n / 2);
  const x0 = new Uint32Array(half);
  const x1 = new Uint32Array(half);
  for (let i = 0; i < half; i++) {
    x0[i] = i;
    x1[i] = half + i;
  }
  threefry2x32(key, x0, x1);
  const out = new Uint32Array(2 * half);
  out.set(x0);
  out.set(x1, half);
  return n === out.length ? out : out.subarray(0, n);
}

/** `num` new independent keys derived from `key` (default 2), as `jax.random.split`. */
export function split(key: PRNGKey, num = 2): PRNGKey[] {
  if (!Number.isInteger(num) || num < 1) throw new RangeError(`num must be an integer >= 1, got ${num}`);
  const bits = randomBits(key, 2 * num);
  return Array.from({ length: num }, (_, i) => [bits[2 * i]!, bits[2 * i + 1]!] as const);
}

/** A new key that mixes `data` (a uint32) into `key`, as `jax.random.fold_in`: one key per step, epoch or sample. */
export function foldIn(key: PRNGKey, data: number): PRNGKey {
  if (!Number.isInteger(data) || data < 0 || data >= 2 ** 32) {
    throw new RangeError(`data must be an integer in [0, 2^32), got ${data}`);
  }
  const x0 = Uint32Array.of(0);
  const x1 = Uint32Array.of(data);
  threefry2x32(key, x0, x1);
  return [x0[0]!, x1[0]!];
}

/** `n` floats uniform in [0, 1), 23 random mantissa bits each (as JAX), on the host. */
export function uniformValues(key: PRNGKey, n: number): Float32Array {
  const bits = randomBits(key, n);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (bits[i]! >>> 9) * 2 ** -23;
  return out;
}

/** `n` standard normal floats on the host (Box-Muller on pairs of uniforms, the first uniform shifted into (0, 1]). */
export function normalValues(key: PRNGKey, n: number): Float32Array {
  const u = uniformValues(key, 2 * Math.ceil(n / 2));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - u[i]!));
    const angle = 2 * Math.PI * u[i + 1]!;
    out[i] = radius * Math.cos(angle);
    if (i + 1 < n) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A float32 tensor uniform in `[minval, maxval)`. */
export function uniform(key: PRNGKey, shape: readonly number[], minval = 0, maxval = 1): tf.Tensor {
  const values = uniformValues(key, size(shape));
  if (minval !== 0 || maxval !== 1) for (let i = 0; i < values.length; i++) values[i] = minval + (maxval - minval) * values[i]!;
  return tf.tensor(values, [...shape], 'float32');
}

/** A float32 tensor of normal samples with the given mean and standard deviation. */
export function normal(key: PRNGKey, shape: readonly number[], mean = 0, stddev = 1): tf.Tensor {
  const values = normalValues(key, size(shape));
  if (mean !== 0 || stddev !== 1) for (let i = 0; i < values.length; i++) values[i] = mean + stddev * values[i]!;
  return tf.tensor(values, [...shape], 'float32');
}

/** A float32 tensor of 0/1 samples, 1 with probability `p`. */
export function bernoulli(key: PRNGKey, p: number, shape: readonly number[]): tf.Tensor {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  const values = uniformValues(key, size(shape));
  for (let i = 0; i < values.length; i++) values[i] = values[i]! < p ? 1 : 0;
  return tf.tensor(values, [...shape], 'float32');
}

/** A random permutation of 0..n-1 (Fisher-Yates driven by the key's bits), for shuffling datasets. */
export function permutation(key: PRNGKey, n: number): Int32Array {
  const out = Int32Array.from({ length: n }, (_, i) => i);
  const u = uniformValues(key, n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(u[i]! * (i + 1)));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
