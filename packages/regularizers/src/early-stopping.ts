import { assertInteger, assertNonNegative, assertOption, disposeTensors, type Callback, type State, type TensorMap } from '@nnopt/core';
import { assignMap, cloneMap, loadNumber, loadTensorMap } from './weights';

/** Options of {@link earlyStopping} (Keras' names and defaults). */
export interface EarlyStoppingOptions {
  /** The `onEpochEnd` log to watch (default `'val_loss'`). */
  readonly monitor?: string;
  /** `'min'`, `'max'`, or `'auto'` (default): max for names ending in acc/accuracy/auc, else min. */
  readonly mode?: 'min' | 'max' | 'auto';
  /** Epochs without improvement before stopping (default 0). */
  readonly patience?: number;
  /** A change smaller than this (absolute) is no improvement (default 0). */
  readonly minDelta?: number;
  /** The wait counter is only reset by values that also beat this baseline (default none). */
  readonly baseline?: number;
  /** Restore the variables of the best epoch when training ends (default false). */
  readonly restoreBestWeights?: boolean;
  /** Epochs before this one are ignored, a warm-up (default 0). */
  readonly startFromEpoch?: number;
}

/** The callback {@link earlyStopping} returns: core's Callback plus what it found. */
export interface EarlyStoppingCallback extends Callback {
  readonly name: 'earlyStopping';
  /** Best monitored value so far (undefined before the first monitored epoch). */
  readonly best: number | undefined;
  /** Epoch of the best value (-1 before the first monitored epoch). */
  readonly bestEpoch: number;
  /** Epoch at which training was asked to stop (-1 when it was not). */
  readonly stoppedEpoch: number;
  /**
   * `{ wait, best (NaN when none), bestEpoch, stoppedEpoch, bestWeights? }`; the tensors stay the callback's
   * (save them, do not dispose them).
   */
  stateDict(): State;
  /** Loads a {@link EarlyStoppingCallback.stateDict} (copying its tensors); the next `onTrainBegin` keeps it. */
  loadStateDict(state: State): void;
  /** Frees the stored best weights. */
  dispose(): void;
}

/**
 * Stops training when a monitored metric has stopped improving, Keras 3 `callbacks.EarlyStopping`:
 * at each `onEpochEnd` with `epoch >= startFromEpoch`, `wait += 1`; a value `v` improves on `best` when
 * `v < best - minDelta` (min mode) or `v > best + minDelta` (max mode) and then becomes `best` (its epoch's
 * variables are copied when `restoreBestWeights`) and resets `wait` to 0, unless it fails to beat `baseline`;
 * when `wait >= patience` (and `epoch > 0`) it calls `ctx.stopTraining`.
 *
 * With `restoreBestWeights`, every variable of `ctx.variables()` (parameters and buffers) is copied at each new
 * best and assigned back at `onTrainEnd`, whether training stopped early or ran out of epochs (Keras 3; fixes
 * tfjs issue 8488). A missing `monitor` in the epoch logs throws an Error listing the logged metrics, instead of
 * silently never stopping. `onTrainBegin` resets the state unless {@link EarlyStoppingCallback.loadStateDict}
 * was called since the last run (resuming). Options are validated here (RangeError naming the option).
 *
 * Prechelt 1998, "Early Stopping - But When?", https://doi.org/10.1007/3-540-49430-8_3
 */
export function earlyStopping({
  monitor = 'val_loss',
  mode = 'auto',
  patience = 0,
  minDelta = 0,
  baseline,
  restoreBestWeights = false,
  startFromEpoch = 0,
}: EarlyStoppingOptions = {}): EarlyStoppingCallback {
  assertOption(typeof monitor === 'string' && monitor.length > 0, 'monitor', monitor, 'a non-empty metric name');
  assertOption(mode === 'min' || mode === 'max' || mode === 'auto', 'mode', mode, "'min', 'max' or 'auto'");
  assertInteger('patience', patience);
  assertNonNegative('minDelta', minDelta);
  if (baseline !== undefined) assertOption(Number.isFinite(baseline), 'baseline', baseline, 'a finite number');
  assertOption(typeof restoreBestWeights === 'boolean', 'restoreBestWeights', restoreBestWeights, 'a boolean');
  assertInteger('startFromEpoch', startFromEpoch);

  const maximize = mode === 'max' || (mode === 'auto' && /(acc|accuracy|auc)$/.test(monitor));
  const improves = (value: number, reference: number | undefined): boolean =>
    reference === undefined || (maximize ? value - minDelta > reference : value + minDelta < reference);

  let wait = 0;
  let best: number | undefined;
  let bestEpoch = -1;
  let stoppedEpoch = -1;
  let bestWeights: TensorMap | undefined;
  let resumed = false;

  const dropWeights = (): void => {
    if (bestWeights) disposeTensors(bestWeights);
    bestWeights = undefined;
  };

  return {
    name: 'earlyStopping',
    get best() {
      return best;
    },
    get bestEpoch() {
      return bestEpoch;
    },
    get stoppedEpoch() {
      return stoppedEpoch;
    },
    onTrainBegin() {
      if (resumed) {
        resumed = false;
        return;
      }
      wait = 0;
      best = undefined;
      bestEpoch = -1;
      stoppedEpoch = -1;
      dropWeights();
    },
    onEpochEnd(ctx, logs) {
      const value = logs[monitor];
      if (value === undefined) {
        throw new Error(`earlyStopping: monitor '${monitor}' is not in the epoch logs (${Object.keys(logs).join(', ') || 'none'})`);
      }
      if (ctx.epoch < startFromEpoch || Number.isNaN(value)) return;
      wait += 1;
      if (improves(value, best)) {
        best = value;
        bestEpoch = ctx.epoch;
        if (restoreBestWeights) {
          const copy = cloneMap(ctx.variables());
          dropWeights();
          bestWeights = copy;
        }
        if (baseline === undefined || improves(value, baseline)) wait = 0;
        return;
      }
      if (wait >= patience && ctx.epoch > 0) {
        stoppedEpoch = ctx.epoch;
        ctx.stopTraining(`earlyStopping: ${monitor} did not improve for ${wait} epoch(s); best ${best} at epoch ${bestEpoch}`);
      }
    },
    onTrainEnd(ctx) {
      if (restoreBestWeights && bestWeights) assignMap(ctx.variables(), bestWeights, 'earlyStopping');
    },
    stateDict() {
      const state: { [key: string]: number | TensorMap } = { wait, best: best ?? Number.NaN, bestEpoch, stoppedEpoch };
      if (bestWeights) state.bestWeights = bestWeights;
      return state;
    },
    loadStateDict(state) {
      const who = 'earlyStopping.loadStateDict';
      const next = {
        wait: loadNumber(state, 'wait', who),
        best: loadNumber(state, 'best', who),
        bestEpoch: loadNumber(state, 'bestEpoch', who),
        stoppedEpoch: loadNumber(state, 'stoppedEpoch', who),
      };
      const weights = loadTensorMap(state, 'bestWeights', who);
      dropWeights();
      ({ wait, bestEpoch, stoppedEpoch } = next);
      best = Number.isNaN(next.best) ? undefined : next.best;
      bestWeights = Object.keys(weights).length > 0 ? weights : undefined;
      resumed = true;
    },
    dispose: dropWeights,
  };
}
