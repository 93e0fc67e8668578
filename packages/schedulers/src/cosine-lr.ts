import { seededNoise } from './noise';
import {
  assertInteger,
  assertNonNegative,
  assertOneOf,
  assertOption,
  assertPositive,
  checkedSchedule,
} from './options';
import type { Schedule } from './schedule';

/** Options of {@link cosineLR} (timm's `CosineLRScheduler` arguments, camelCased). */
export interface CosineLROptions {
  /** Base (maximum) learning rate. Finite, >= 0. */
  readonly lr: number;
  /** Length of the first cycle (`t_initial`). Integer >= 1. Required. */
  readonly tInitial: number;
  /** Minimum learning rate (`lr_min`). Finite, >= 0. Default 0. */
  readonly lrMin?: number;
  /** Each cycle is `cycleMul` times longer than the previous (`cycle_mul`). Finite, > 0. Default 1. */
  readonly cycleMul?: number;
  /** Each cycle's peak is `cycleDecay` times the previous (`cycle_decay`). Finite, > 0. Default 1. */
  readonly cycleDecay?: number;
  /** Number of cycles before the rate stays at `lrMin` (`cycle_limit`). Integer >= 1. Default 1. */
  readonly cycleLimit?: number;
  /** Linear warmup length (`warmup_t`). Integer >= 0. Default 0. */
  readonly warmupT?: number;
  /** Rate at step 0 of the warmup (`warmup_lr_init`). Finite, >= 0. Default 0. */
  readonly warmupLrInit?: number;
  /** Start the cosine after the warmup instead of under it (`warmup_prefix`). Default false. */
  readonly warmupPrefix?: boolean;
  /** Steps with noise: `t >= noiseRangeT`, or `[start, end)`. Default: no noise. */
  readonly noiseRangeT?: number | readonly [number, number];
  /** Noise distribution. Default `'normal'`. */
  readonly noiseType?: 'normal' | 'uniform';
  /** Noise bound: the relative change stays strictly inside `(-noisePct, noisePct)`. In (0, 1). Default 0.67. */
  readonly noisePct?: number;
  /** Standard deviation of the normal noise before truncation. Finite, > 0. Default 1. */
  readonly noiseStd?: number;
  /** Noise seed; step `t` uses `noiseSeed + t`. Integer. Default 42. */
  readonly noiseSeed?: number;
  /** k-decay exponent on the cycle position. Finite, > 0. Default 1. */
  readonly kDecay?: number;
}

/**
 * timm's `CosineLRScheduler`: cosine with linear warmup, restarts of growing length, decaying peaks, a cycle
 * limit, k-decay and seeded noise. Steps are whatever unit the caller counts (wrap with `perEpoch` for epochs).
 *
 * Warmup (`t < warmupT`): `s(t) = warmupLrInit + t * (lr - warmupLrInit) / warmupT`.
 * Otherwise, with `t' = t - warmupT` if `warmupPrefix` else `t`, the cycle `i` is the largest with
 * `start_i <= t'`, `start_i = tInitial * (1 - cycleMul^i) / (1 - cycleMul)` (`i * tInitial` when `cycleMul = 1`),
 * `T_i = tInitial * cycleMul^i`, `T_cur = t' - start_i`, and
 * `s(t) = lrMin + (lr * cycleDecay^i - lrMin) * (1 + cos(pi * T_cur^k / T_i^k)) / 2` for `i < cycleLimit`, else
 * `lrMin`. In the noise range, `s(t) *= 1 + n_t` with `n_t` a seeded draw (truncated normal `std * N(0, 1)` or
 * uniform) with `|n_t| < noisePct`.
 *
 * Range (for `cycleDecay <= 1`): between `min(lrMin, warmupLrInit, lr * cycleDecay^(cycleLimit - 1))` and
 * `max(lr, warmupLrInit, lrMin)`, times `(1 - noisePct, 1 + noisePct)` in the noise range.
 *
 * The noise is reproducible but not bit-identical to timm's (which uses torch's generator); the cycle index is
 * computed exactly on step boundaries rather than with timm's floating `log`.
 *
 * Papers: SGDR https://arxiv.org/abs/1608.03983; k-decay https://arxiv.org/abs/2004.05909
 */
export function cosineLR({
  lr,
  tInitial,
  lrMin = 0,
  cycleMul = 1,
  cycleDecay = 1,
  cycleLimit = 1,
  warmupT = 0,
  warmupLrInit = 0,
  warmupPrefix = false,
  noiseRangeT,
  noiseType = 'normal',
  noisePct = 0.67,
  noiseStd = 1,
  noiseSeed = 42,
  kDecay = 1,
}: CosineLROptions): Schedule {
  assertNonNegative('lr', lr);
  assertInteger('tInitial', tInitial, 1);
  assertNonNegative('lrMin', lrMin);
  assertPositive('cycleMul', cycleMul);
  assertPositive('cycleDecay', cycleDecay);
  assertInteger('cycleLimit', cycleLimit, 1);
  assertInteger('warmupT', warmupT);
  assertNonNegative('warmupLrInit', warmupLrInit);
  const noiseRange = parseNoiseRange(noiseRangeT);
  assertOneOf('noiseType', noiseType, ['normal', 'uniform']);
  assertOption(Number.isFinite(noisePct) && noisePct > 0 && noisePct < 1, 'noisePct', noisePct, 'in (0, 1)');
  assertPositive('noiseStd', noiseStd);
  assertOption(Number.isSafeInteger(noiseSeed), 'noiseSeed', noiseSeed, 'a safe integer');
  assertPositive('kDecay', kDecay);

  const cycleStart = (i: number) => (cycleMul === 1 ? i * tInitial : (tInitial * (1 - cycleMul ** i)) / (1 - cycleMul));
  const cycleIndex = (t: number) => {
    if (cycleMul === 1) return Math.floor(t / tInitial);
    // With cycleMul < 1 the cycles shrink and their starts converge to tInitial / (1 - cycleMul): infinitely many
    // cycles fit before that point, so past it every cycle limit is exceeded (timm's log raises a domain error).
    if (cycleMul < 1 && t >= tInitial / (1 - cycleMul)) return Infinity;
    let i = Math.max(0, Math.floor(Math.log(1 - (t / tInitial) * (1 - cycleMul)) / Math.log(cycleMul)));
    while (i > 0 && cycleStart(i) > t) i -= 1;
    while (cycleStart(i + 1) <= t) i += 1;
    return i;
  };
  const clean = (t: number) => {
    if (t < warmupT) return warmupLrInit + (t * (lr - warmupLrInit)) / warmupT;
    const tc = warmupPrefix ? t - warmupT : t;
    const i = cycleIndex(tc);
    if (i >= cycleLimit) return lrMin;
    const tI = tInitial * cycleMul ** i;
    const tCur = tc - cycleStart(i);
    return lrMin + 0.5 * (lr * cycleDecay ** i - lrMin) * (1 + Math.cos((Math.PI * tCur ** kDecay) / tI ** kDecay));
  };
  return checkedSchedule((t) => {
    const value = clean(t);
    if (!noiseRange(t)) return value;
    return value + value * seededNoise(noiseSeed, t, noiseType, noisePct, noiseStd);
  });
}

function parseNoiseRange(range: CosineLROptions['noiseRangeT']): (t: number) => boolean {
  if (range === undefined) return () => false;
  if (typeof range === 'number') {
    assertNonNegative('noiseRangeT', range);
    return (t) => t >= range;
  }
  assertOption(
    Array.isArray(range) && range.length === 2 && range.every((v) => Number.isFinite(v) && v >= 0) && range[0] <= range[1],
    'noiseRangeT',
    range,
    'a number >= 0 or a pair [start, end) with 0 <= start <= end',
  );
  const [start, end] = range;
  return (t) => start <= t && t < end;
}
