import {
  assertFunction,
  assertInClosedRange,
  assertNonNegative,
  assertOneOf,
  assertOption,
  assertPositive,
  checkedSchedule,
} from './options';
import type { Schedule } from './schedule';

/** Built-in amplitude policies of {@link cyclicLR}. */
export type CyclicLRMode = 'triangular' | 'triangular2' | 'exp_range';

/** Options of {@link cyclicLR} and {@link cyclicMomentum}. */
export interface CyclicLROptions {
  /** Lower learning-rate boundary. Finite, >= 0. Required. */
  readonly baseLr: number;
  /** Upper learning-rate boundary. Finite, >= 0. Required. */
  readonly maxLr: number;
  /** Steps in the increasing half of a cycle. Finite, > 0. Default 2000. */
  readonly stepSizeUp?: number;
  /** Steps in the decreasing half of a cycle. Finite, > 0. Default `stepSizeUp`. */
  readonly stepSizeDown?: number;
  /** Amplitude policy, ignored when `scaleFn` is given. Default `'triangular'`. */
  readonly mode?: CyclicLRMode;
  /** Decay base of `'exp_range'`: amplitude `gamma^t`. Finite, > 0. Default 1. */
  readonly gamma?: number;
  /** Custom amplitude policy, `scaleFn(x)` in [0, 1] for `x` the cycle number (from 1) or the step. */
  readonly scaleFn?: (x: number) => number;
  /** Argument of `scaleFn`: `'cycle'` (default) or `'iterations'`. */
  readonly scaleMode?: 'cycle' | 'iterations';
  /** Momentum at the top of the learning-rate cycle. In [0, 1]. Default 0.8. */
  readonly baseMomentum?: number;
  /** Momentum at the bottom of the learning-rate cycle. In [0, 1]. Default 0.9. */
  readonly maxMomentum?: number;
}

/**
 * `torch.optim.lr_scheduler.CyclicLR` (cyclical learning rates, Smith 2017).
 *
 * With `T = stepSizeUp + stepSizeDown`, `r = stepSizeUp / T`, `c = floor(1 + t / T)` (cycle, from 1) and
 * `x = 1 + t / T - c` (position in the cycle, in [0, 1)):
 * `h = x / r` if `x <= r` else `(x - 1) / (r - 1)`, and `s(t) = baseLr + (maxLr - baseLr) * h * scale`, where
 * `scale = 1` (`'triangular'`), `1 / 2^(c - 1)` (`'triangular2'`), `gamma^t` (`'exp_range'`), or `scaleFn(c)` /
 * `scaleFn(t)` per `scaleMode`.
 *
 * Range: between `baseLr` and `maxLr` when the scale is in [0, 1]. The matching momentum is {@link cyclicMomentum}.
 *
 * Paper: Smith, Cyclical Learning Rates for Training Neural Networks, https://arxiv.org/abs/1506.01186
 *
 * @example cyclicLR({ baseLr: 0.001, maxLr: 0.1, stepSizeUp: 50 }) // 0.001 -> 0.1 at t = 50 -> 0.001 at t = 100
 */
export function cyclicLR(options: CyclicLROptions): Schedule {
  const { baseLr, maxLr, position } = cyclic(options);
  return checkedSchedule((t) => baseLr + (maxLr - baseLr) * position(t));
}

/**
 * The momentum (or Adam `beta1`) that `torch.optim.lr_scheduler.CyclicLR` cycles opposite to the learning rate:
 * `m(t) = maxMomentum - (maxMomentum - baseMomentum) * h * scale`, with `h` and `scale` as in {@link cyclicLR}.
 * Takes the same options, so `cyclicLR(o)` and `cyclicMomentum(o)` form one policy.
 *
 * Range: between `baseMomentum` and `maxMomentum` when the scale is in [0, 1].
 */
export function cyclicMomentum(options: CyclicLROptions): Schedule {
  const { baseMomentum, maxMomentum, position } = cyclic(options);
  return checkedSchedule((t) => maxMomentum - (maxMomentum - baseMomentum) * position(t));
}

function cyclic({
  baseLr,
  maxLr,
  stepSizeUp = 2000,
  stepSizeDown,
  mode = 'triangular',
  gamma = 1,
  scaleFn,
  scaleMode,
  baseMomentum = 0.8,
  maxMomentum = 0.9,
}: CyclicLROptions) {
  assertNonNegative('baseLr', baseLr);
  assertNonNegative('maxLr', maxLr);
  assertPositive('stepSizeUp', stepSizeUp);
  const down = stepSizeDown ?? stepSizeUp;
  assertPositive('stepSizeDown', down);
  assertOneOf('mode', mode, ['triangular', 'triangular2', 'exp_range']);
  assertPositive('gamma', gamma);
  if (scaleFn !== undefined) assertFunction('scaleFn', scaleFn);
  if (scaleMode !== undefined) assertOneOf('scaleMode', scaleMode, ['cycle', 'iterations']);
  assertOption(scaleMode === undefined || scaleFn !== undefined, 'scaleMode', scaleMode, 'set only with scaleFn');
  assertInClosedRange('baseMomentum', baseMomentum, 0, 1);
  assertInClosedRange('maxMomentum', maxMomentum, 0, 1);

  const total = stepSizeUp + down;
  const ratio = stepSizeUp / total;
  const builtIn: Record<CyclicLRMode, [(x: number) => number, 'cycle' | 'iterations']> = {
    triangular: [() => 1, 'cycle'],
    triangular2: [(c) => 1 / 2 ** (c - 1), 'cycle'],
    exp_range: [(t) => gamma ** t, 'iterations'],
  };
  const [scale, byWhat] = scaleFn ? [scaleFn, scaleMode ?? 'cycle'] : builtIn[mode];
  /** `h * scale`: 0 at the bottom of the cycle, `scale` at its top. */
  const position = (t: number) => {
    const cycle = Math.floor(1 + t / total);
    const x = 1 + t / total - cycle;
    const h = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
    return h * scale(byWhat === 'cycle' ? cycle : t);
  };
  return { baseLr, maxLr, baseMomentum, maxMomentum, position };
}
