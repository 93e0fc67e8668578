import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertOption, type Callback, type State, type TensorMap, type TrainingContext } from '@nnopt/core';
import { runningAverage } from './running-average';
import { selectVariables, swapper } from './weights';

/** Options of {@link swa}. */
export interface SwaOptions {
  /** First epoch (0-based) whose end weights are averaged (default 0; torch examples call it `swa_start`). */
  readonly start?: number;
  /** Average every `frequency` epochs from `start` on (default 1, the SWA paper's cycle length `c`). */
  readonly frequency?: number;
  /** Also average non-trainable float variables (default false, as `torch.optim.swa_utils.AveragedModel`). */
  readonly useBuffers?: boolean;
  /**
   * The BatchNorm statistics refresh, `torch.optim.swa_utils.update_bn`: called by {@link SwaCallback.swapIn}
   * after the averaged weights are in place, with the model's variables. It should reset the running statistics
   * and run forward passes in training mode over (part of) the training data, so they match the averaged weights.
   */
  readonly updateBn?: (variables: TensorMap<tf.Variable>) => void | Promise<void>;
}

/** The callback {@link swa} returns. */
export interface SwaCallback extends Callback {
  readonly name: 'swa';
  /** Number of weight snapshots averaged so far (torch `n_averaged`). */
  readonly count: number;
  /** The averaged tensors by variable name (the callback's own: do not dispose). */
  averaged(): TensorMap;
  /**
   * Assigns the averaged weights to the model's variables (the last `ctx.variables()` seen, or `variables`),
   * keeping every variable's training value aside, then awaits `updateBn`. Throws when already swapped in or when
   * nothing was averaged yet.
   */
  swapIn(variables?: TensorMap<tf.Variable>): Promise<void>;
  /** Puts every variable back, BatchNorm statistics included. Throws when not swapped in. */
  swapOut(): void;
  /** `{ count, average: { name: tensor } }`; the tensors stay the callback's. */
  stateDict(): State;
  /** Loads a {@link SwaCallback.stateDict}, copying its tensors. */
  loadStateDict(state: State): void;
  /** Frees the averaged (and any swapped-out) tensors. */
  dispose(): void;
}

/**
 * Stochastic weight averaging, `torch.optim.swa_utils.AveragedModel` with its default equal average: at the end
 * of epochs `start, start + frequency, ...` the weights `w_i` enter the running mean
 * `avg_n = avg_{n-1} + (w_n - avg_{n-1}) / n` (the first one is copied), i.e. `avg = (1/n) sum_i w_i`.
 * Pair it with a constant or cyclic learning rate from `start` on (torch `SWALR`, in @nnopt/schedulers).
 * Evaluate with `await swapIn()` ... `swapOut()`; `updateBn` refreshes the BatchNorm statistics for the averaged
 * weights, which otherwise do not match them.
 *
 * Options: `start` (0), `frequency` (1), `useBuffers` (false), `updateBn` (none). Invalid options throw a
 * RangeError naming them.
 *
 * Izmailov et al. 2018, "Averaging Weights Leads to Wider Optima and Better Generalization",
 * https://arxiv.org/abs/1803.05407
 */
export function swa({ start = 0, frequency = 1, useBuffers = false, updateBn }: SwaOptions = {}): SwaCallback {
  assertInteger('start', start);
  assertInteger('frequency', frequency, 1);
  assertOption(typeof useBuffers === 'boolean', 'useBuffers', useBuffers, 'a boolean');
  assertOption(updateBn === undefined || typeof updateBn === 'function', 'updateBn', updateBn, 'a function');
  const store = runningAverage('swa', 'count', 'average');
  const swap = swapper('swa');
  let lastCtx: TrainingContext | undefined;

  return {
    name: 'swa',
    get count() {
      return store.count;
    },
    averaged: () => store.average,
    onTrainBegin(ctx) {
      lastCtx = ctx;
    },
    onEpochEnd(ctx) {
      lastCtx = ctx;
      if (ctx.epoch < start || (ctx.epoch - start) % frequency !== 0) return;
      if (swap.active) throw new Error('swa: an epoch ended while the averaged weights were swapped in; call swapOut() first');
      const variables = selectVariables(ctx.variables(), useBuffers);
      if (store.count === 0) store.init(variables, 1);
      else store.update(variables, (a, w) => tf.add(a, tf.div(tf.sub(w, a), store.count + 1)));
    },
    async swapIn(variables) {
      const target = variables ?? lastCtx?.variables();
      if (!target) throw new Error('swa.swapIn: no variables yet; pass them or call it after training started');
      if (store.count === 0) throw new Error('swa.swapIn: nothing averaged yet (no epoch >= start has ended)');
      // Every variable is kept aside, not only the averaged ones: updateBn rewrites the BatchNorm buffers.
      swap.swapIn(target, store.average);
      await updateBn?.(target);
    },
    swapOut: () => swap.swapOut(),
    stateDict: () => store.stateDict(),
    loadStateDict: (state) => store.loadStateDict(state),
    dispose() {
      store.dispose();
      swap.dispose();
    },
  };
}
