import {
  assertInteger,
  assertInClosedRange,
  assertOneOf,
  assertOption,
  assertPositive,
  checkedSchedule,
} from './options';
import type { Schedule } from './schedule';

/** Options of {@link oneCycleLR} and {@link oneCycleMomentum}. */
export interface OneCycleLROptions {
  /** Peak learning rate. Finite, > 0. Required. */
  readonly maxLr: number;
  /** Steps in the cycle. Integer >= 1. Required unless `epochs` and `stepsPerEpoch` are given. */
  readonly totalSteps?: number;
  /** With `stepsPerEpoch`, gives `totalSteps = epochs * stepsPerEpoch`. Integer >= 1. */
  readonly epochs?: number;
  /** With `epochs`, gives `totalSteps = epochs * stepsPerEpoch`. Integer >= 1. */
  readonly stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the rate. In (0, 1). Default 0.3. */
  readonly pctStart?: number;
  /** Annealing shape: `'cos'` (default) or `'linear'`. */
  readonly annealStrategy?: 'cos' | 'linear';
  /** Initial rate is `maxLr / divFactor`. Finite, > 0. Default 25. */
  readonly divFactor?: number;
  /** Final rate is `maxLr / divFactor / finalDivFactor`. Finite, > 0. Default 1e4. */
  readonly finalDivFactor?: number;
  /** Use fast.ai's third phase: back to the initial rate, then annihilate. Default false. */
  readonly threePhase?: boolean;
  /** Momentum (or Adam `beta1`) at the peak rate. In [0, 1]. Default 0.85. */
  readonly baseMomentum?: number;
  /** Momentum at the start and end. In [0, 1]. Default 0.95. */
  readonly maxMomentum?: number;
}

/**
 * `torch.optim.lr_scheduler.OneCycleLR` (1cycle policy, Smith & Topin 2017).
 *
 * With `T = totalSteps`, `init = maxLr / divFactor`, `min = init / finalDivFactor`, the phases end at
 * `e1 = pctStart * T - 1` and `e2 = T - 1` (three-phase: `e1`, `e2 = 2 * pctStart * T - 2`, `e3 = T - 1`) and run
 * `init -> maxLr -> min` (three-phase: `init -> maxLr -> init -> min`). Inside phase `[a, b]`,
 * `pct = (t - a) / (b - a)` and `s(t) = anneal(start, end, pct)` with
 * `cos: end + (start - end) * (1 + cos(pi * pct)) / 2` or `linear: start + (end - start) * pct`.
 *
 * Defined for `0 <= t <= totalSteps` (PyTorch raises past that; so does this schedule). Range: `[min, maxLr]` for
 * `t < totalSteps`. At `t = totalSteps`, one step past the last phase, PyTorch extrapolates the last phase
 * (`pct > 1`): the cosine climbs back above `min` and the linear anneal overshoots below it, possibly below 0.
 * This schedule reproduces that value too; stop at `totalSteps - 1` or clamp if it matters.
 * The matching momentum is {@link oneCycleMomentum}.
 *
 * Paper: Smith & Topin, Super-Convergence, https://arxiv.org/abs/1708.07120
 *
 * @example oneCycleLR({ maxLr: 0.1, totalSteps: 1000 }) // 0.004 -> 0.1 at t = 299 -> 4e-7 at t = 999
 */
export function oneCycleLR(options: OneCycleLROptions): Schedule {
  const { maxLr, divFactor, finalDivFactor } = options;
  const initial = maxLr / (divFactor ?? 25);
  const final = initial / (finalDivFactor ?? 1e4);
  return oneCycle(options, options.threePhase ? [initial, maxLr, initial, final] : [initial, maxLr, final]);
}

/**
 * The momentum (or Adam `beta1`) that `torch.optim.lr_scheduler.OneCycleLR` cycles opposite to the rate:
 * `maxMomentum -> baseMomentum -> maxMomentum` (three-phase: `max -> base -> max -> max`), annealed like
 * {@link oneCycleLR} with the same options. Range: `[baseMomentum, maxMomentum]`.
 */
export function oneCycleMomentum(options: OneCycleLROptions): Schedule {
  const { baseMomentum = 0.85, maxMomentum = 0.95 } = options;
  const knots = [maxMomentum, baseMomentum, maxMomentum];
  return oneCycle(options, options.threePhase ? [...knots, maxMomentum] : knots);
}

/** A one-cycle schedule through `knots` (one more than the phases), after validating every option. */
function oneCycle(options: OneCycleLROptions, knots: readonly number[]): Schedule {
  const { totalSteps, ends, anneal } = phases(options);
  return checkedSchedule((t) => {
    assertOption(t <= totalSteps, 'step', t, `<= totalSteps (${totalSteps}) in oneCycleLR`);
    let start = 0;
    for (let i = 0; i < ends.length; i += 1) {
      const end = ends[i]!;
      if (t <= end || i === ends.length - 1) return anneal(knots[i]!, knots[i + 1]!, (t - start) / (end - start));
      start = end;
    }
    throw new Error('unreachable');
  });
}

function phases({
  maxLr,
  totalSteps,
  epochs,
  stepsPerEpoch,
  pctStart = 0.3,
  annealStrategy = 'cos',
  divFactor = 25,
  finalDivFactor = 1e4,
  threePhase = false,
  baseMomentum = 0.85,
  maxMomentum = 0.95,
}: OneCycleLROptions) {
  assertPositive('maxLr', maxLr);
  let total: number;
  if (totalSteps !== undefined) {
    assertInteger('totalSteps', totalSteps, 1);
    total = totalSteps;
  } else {
    assertOption(epochs !== undefined, 'totalSteps', totalSteps, 'given, or epochs and stepsPerEpoch');
    assertInteger('epochs', epochs!, 1);
    assertInteger('stepsPerEpoch', stepsPerEpoch!, 1);
    total = epochs! * stepsPerEpoch!;
  }
  assertOption(Number.isFinite(pctStart) && pctStart > 0 && pctStart < 1, 'pctStart', pctStart, 'in (0, 1)');
  assertOneOf('annealStrategy', annealStrategy, ['cos', 'linear']);
  assertPositive('divFactor', divFactor);
  assertPositive('finalDivFactor', finalDivFactor);
  assertInClosedRange('baseMomentum', baseMomentum, 0, 1);
  assertInClosedRange('maxMomentum', maxMomentum, 0, 1);
  const ends = threePhase
    ? [pctStart * total - 1, 2 * pctStart * total - 2, total - 1]
    : [pctStart * total - 1, total - 1];
  // PyTorch divides by each phase's length; a phase of length <= 0 would give NaN or a step backwards.
  ends.forEach((end, i) => {
    const length = end - (i === 0 ? 0 : ends[i - 1]!);
    assertOption(length > 0, 'pctStart', pctStart, `such that every phase of the ${total}-step cycle is longer than 0 steps`);
  });
  const anneal =
    annealStrategy === 'cos'
      ? (a: number, b: number, pct: number) => b + ((a - b) / 2) * (Math.cos(Math.PI * pct) + 1)
      : (a: number, b: number, pct: number) => (b - a) * pct + a;
  return { totalSteps: total, ends, anneal };
}
