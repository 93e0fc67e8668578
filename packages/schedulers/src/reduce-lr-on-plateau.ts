import { assertInteger, assertNonNegative, assertOneOf, assertOption } from './options';

/** Options of {@link reduceLROnPlateau}. */
export interface ReduceLROnPlateauOptions {
  /** Initial learning rate. Finite, >= 0. Required. */
  readonly lr: number;
  /** `'min'`: the metric should fall (a loss); `'max'`: it should rise (an accuracy). Default `'min'`. */
  readonly mode?: 'min' | 'max';
  /** Multiplier applied on a plateau. In (0, 1). Default 0.1. */
  readonly factor?: number;
  /** Bad observations tolerated before reducing. Integer >= 0. Default 10. */
  readonly patience?: number;
  /** Minimum improvement that counts. Finite, >= 0. Default 1e-4. */
  readonly threshold?: number;
  /** `'rel'`: improvement relative to the best (`best * (1 -+ threshold)`); `'abs'`: `best -+ threshold`. Default `'rel'`. */
  readonly thresholdMode?: 'rel' | 'abs';
  /** Observations to wait after a reduction before counting bad ones again. Integer >= 0. Default 0. */
  readonly cooldown?: number;
  /** Lower bound of the rate. Finite, >= 0. Default 0. */
  readonly minLr?: number;
  /** A reduction smaller than this is skipped. Finite, >= 0. Default 1e-8. */
  readonly eps?: number;
}

/**
 * The saved state of a {@link ReduceLROnPlateau}: plain numbers, a valid `@nnopt/core` state tree (its
 * `saveState` stores them as F64 scalars, so `best = Infinity` round-trips).
 */
export interface ReduceLROnPlateauState {
  /** Current learning rate. */
  readonly lr: number;
  /** Best metric so far (`Infinity` in `'min'` mode, `-Infinity` in `'max'` mode before the first observation). */
  readonly best: number;
  /** Consecutive observations without improvement. */
  readonly numBadEpochs: number;
  /** Observations left in the current cooldown. */
  readonly cooldownCounter: number;
  /** Number of observations so far. */
  readonly lastEpoch: number;
}

/** An explicit, stateful plateau schedule; see {@link reduceLROnPlateau}. */
export interface ReduceLROnPlateau {
  /** Records one evaluation's metric and returns the (possibly reduced) learning rate. */
  observe(metric: number): number;
  /** The current learning rate. */
  current(): number;
  /** A copy of the state, to save with a checkpoint. */
  stateDict(): ReduceLROnPlateauState;
  /** Restores a state written by {@link ReduceLROnPlateau.stateDict}; validates it first and changes nothing if invalid. */
  loadStateDict(state: ReduceLROnPlateauState): void;
}

/**
 * `torch.optim.lr_scheduler.ReduceLROnPlateau`: multiplies the rate by `factor` when a metric stops improving.
 *
 * On each `observe(m)`: `m` improves on `best` when (`'min'`) `m < best * (1 - threshold)` (`'rel'`) or
 * `m < best - threshold` (`'abs'`), mirrored for `'max'`; an improvement sets `best = m` and resets the bad count,
 * otherwise the bad count grows. During a cooldown the counter ticks down and bad observations are ignored. When
 * the bad count exceeds `patience`: `lr' = max(lr * factor, minLr)`, applied only if `lr - lr' > eps`; then the
 * cooldown starts and the bad count resets. A `NaN` metric is a bad observation, as in PyTorch.
 *
 * It is not a pure {@link Schedule}: it depends on the metrics seen, so it is an explicit object whose state
 * saves with `stateDict()` and restores with `loadStateDict()`. An optimizer option can read it with
 * `() => plateau.current()`.
 *
 * Range: `[min(minLr, lr), lr]`.
 *
 * @example
 * const plateau = reduceLROnPlateau({ lr: 0.1, patience: 2 });
 * for (const loss of validationLosses) plateau.observe(loss);
 * plateau.current();
 */
export function reduceLROnPlateau({
  lr,
  mode = 'min',
  factor = 0.1,
  patience = 10,
  threshold = 1e-4,
  thresholdMode = 'rel',
  cooldown = 0,
  minLr = 0,
  eps = 1e-8,
}: ReduceLROnPlateauOptions): ReduceLROnPlateau {
  assertNonNegative('lr', lr);
  assertOneOf('mode', mode, ['min', 'max']);
  assertOption(Number.isFinite(factor) && factor > 0 && factor < 1, 'factor', factor, 'in (0, 1)');
  assertInteger('patience', patience);
  assertNonNegative('threshold', threshold);
  assertOneOf('thresholdMode', thresholdMode, ['rel', 'abs']);
  assertInteger('cooldown', cooldown);
  assertNonNegative('minLr', minLr);
  assertNonNegative('eps', eps);

  const sign = mode === 'min' ? 1 : -1;
  const isBetter = (a: number, best: number) =>
    thresholdMode === 'rel' ? sign * a < sign * best * (1 - sign * threshold) : sign * a < sign * best - threshold;
  let state: ReduceLROnPlateauState = { lr, best: sign * Infinity, numBadEpochs: 0, cooldownCounter: 0, lastEpoch: 0 };

  return {
    observe(metric) {
      if (typeof metric !== 'number') throw new TypeError(`metric must be a number, got ${typeof metric}`);
      let { lr: rate, best, numBadEpochs, cooldownCounter } = state;
      if (isBetter(metric, best)) {
        best = metric;
        numBadEpochs = 0;
      } else {
        numBadEpochs += 1;
      }
      if (cooldownCounter > 0) {
        cooldownCounter -= 1;
        numBadEpochs = 0;
      }
      if (numBadEpochs > patience) {
        const reduced = Math.max(rate * factor, minLr);
        if (rate - reduced > eps) rate = reduced;
        cooldownCounter = cooldown;
        numBadEpochs = 0;
      }
      state = { lr: rate, best, numBadEpochs, cooldownCounter, lastEpoch: state.lastEpoch + 1 };
      return rate;
    },
    current: () => state.lr,
    stateDict: () => ({ ...state }),
    loadStateDict(saved) {
      assertOption(typeof saved === 'object' && saved !== null, 'state', saved, 'an object');
      assertNonNegative('state.lr', saved.lr);
      assertOption(typeof saved.best === 'number' && !Number.isNaN(saved.best), 'state.best', saved.best, 'a number');
      assertInteger('state.numBadEpochs', saved.numBadEpochs);
      assertInteger('state.cooldownCounter', saved.cooldownCounter);
      assertInteger('state.lastEpoch', saved.lastEpoch);
      const { lr: rate, best, numBadEpochs, cooldownCounter, lastEpoch } = saved;
      state = { lr: rate, best, numBadEpochs, cooldownCounter, lastEpoch };
    },
  };
}
