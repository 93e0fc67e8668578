import type * as tf from '@tensorflow/tfjs-core';
import type { PRNGKey } from '@nnopt/core';
import type { AugmentContext } from './types';

function format(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(format).join(', ')}]`;
  return String(value);
}

/** Throws `RangeError("<transform>: <option> must be <expected>, got <value>")` unless `ok`. */
export function check(ok: boolean, transform: string, option: string, value: unknown, expected: string): void {
  if (!ok) throw new RangeError(`${transform}: ${option} must be ${expected}, got ${format(value)}`);
}

/** A probability in [0, 1]. */
export function checkProbability(transform: string, option: string, p: number): void {
  check(Number.isFinite(p) && p >= 0 && p <= 1, transform, option, p, 'a probability in [0, 1]');
}

/** A finite number `>= min`. */
export function checkAtLeast(transform: string, option: string, value: number, min: number): void {
  check(Number.isFinite(value) && value >= min, transform, option, value, `a finite number >= ${min}`);
}

/**
 * Normalizes a range option: a number `v` becomes `[center - v, center + v]` (clipped below at `min`), a pair is
 * checked to be ordered and `>= min`. Used for degrees (`[-d, d]`), brightness (`[max(0, 1 - b), 1 + b]`), ...
 */
export function toRange(
  transform: string,
  option: string,
  value: number | readonly [number, number],
  { center = 0, min = -Infinity, max = Infinity }: { center?: number; min?: number; max?: number } = {},
): [number, number] {
  if (typeof value === 'number') {
    check(Number.isFinite(value) && value >= 0, transform, option, value, 'a finite number >= 0 or a [min, max] pair');
    const range: [number, number] = [Math.max(min, center - value), center + value];
    check(range[1] <= max, transform, option, value, `at most ${max - center}`);
    return range;
  }
  check(
    Array.isArray(value) && value.length === 2 && value.every(Number.isFinite) && value[0]! <= value[1]!,
    transform,
    option,
    value,
    'a [min, max] pair with min <= max',
  );
  check(value[0]! >= min && value[1]! <= max, transform, option, value, `inside [${min}, ${max}]`);
  return [value[0]!, value[1]!];
}

/** A `[height, width]` from a number (square) or pair of positive integers. */
export function toSize(transform: string, option: string, value: number | readonly [number, number]): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : value;
  check(
    Array.isArray(pair) && pair.length === 2 && pair.every((v) => Number.isInteger(v) && v > 0),
    transform,
    option,
    value,
    'a positive integer or a [height, width] pair of positive integers',
  );
  return [pair[0]!, pair[1]!];
}

/**
 * Checks an image batch before any work: rank 4 (NHWC), float32, and `channels` channels when given (a number or a
 * list of allowed counts). Throws naming the transform and `images`.
 */
export function checkImages(transform: string, images: tf.Tensor, channels?: number | readonly number[]): void {
  if (images == null || typeof images !== 'object' || !('shape' in images)) {
    throw new TypeError(`${transform}: images must be a tf.Tensor4D, got ${format(images)}`);
  }
  if (images.rank !== 4) {
    throw new RangeError(`${transform}: images must be a rank-4 NHWC batch, got rank ${images.rank} (shape [${images.shape.join(', ')}])`);
  }
  if (images.dtype !== 'float32') throw new TypeError(`${transform}: images must be float32, got ${images.dtype}`);
  if (channels !== undefined) {
    const allowed = typeof channels === 'number' ? [channels] : channels;
    const c = images.shape[3]!;
    if (!allowed.includes(c)) {
      throw new RangeError(`${transform}: images must have ${allowed.join(' or ')} channel(s), got ${c} (shape [${images.shape.join(', ')}])`);
    }
  }
}

/** The key of a training call, or a clear error. */
export function requireKey(transform: string, ctx: AugmentContext): PRNGKey {
  const key = ctx?.key;
  if (!Array.isArray(key) || key.length !== 2) {
    throw new TypeError(`${transform}: ctx.key (a PRNGKey from prngKey(seed)) is required when training`);
  }
  return key as unknown as PRNGKey;
}

/** Per-sample values from a number (broadcast) or an array of length `n`. */
export function perSample(transform: string, option: string, value: number | readonly number[], n: number): number[] {
  if (typeof value === 'number') {
    check(Number.isFinite(value), transform, option, value, 'a finite number');
    return Array.from({ length: n }, () => value);
  }
  check(Array.isArray(value) && value.length === n && value.every(Number.isFinite), transform, option, value, `one finite number per sample (${n})`);
  return [...value];
}
