import * as tf from '@tensorflow/tfjs-core';
import { assertOption, type Callback, type State, type TensorMap, type TrainingContext } from '@nnopt/core';
import { runningAverage } from './running-average';
import { selectVariables, swapper } from './weights';

/** Options of {@link ema}. */
export interface EmaOptions {
  /** Decay `d` in [0, 1] (default 0.999). */
  readonly decay?: number;
  /**
   * Ramp the decay up early in training, as `tf.train.ExponentialMovingAverage(num_updates)`:
   * `d_t = min(decay, (1 + t) / (10 + t))` for the update with `t` updates before it (default false).
   */
  readonly warmup?: boolean;
  /** Also average non-trainable float variables such as BatchNorm statistics (default true, as timm's ModelEmaV2). */
  readonly useBuffers?: boolean;
}

/** The callback {@link ema} returns. */
export interface EmaCallback extends Callback {
  readonly name: 'ema';
  /** Number of averaging updates so far. */
  readonly updates: number;
  /** The averaged tensors by variable name (the callback's own: do not dispose). */
  averaged(): TensorMap;
  /**
   * Assigns the averaged weights to the model's variables (those of the last `ctx.variables()` seen, or
   * `variables`) and keeps the training weights aside, for evaluation. Throws when already swapped in.
   */
  swapIn(variables?: TensorMap<tf.Variable>): void;
  /** Puts the training weights back. Throws when not swapped in. */
  swapOut(): void;
  /** `{ updates, shadow: { name: tensor } }`; the tensors stay the callback's. */
  stateDict(): State;
  /** Loads a {@link EmaCallback.stateDict}, copying its tensors. */
  loadStateDict(state: State): void;
  /** Frees the averaged (and any swapped-out) tensors. */
  dispose(): void;
}

/**
 * Exponential moving average of the weights (Polyak averaging with exponential forgetting), timm `ModelEmaV2`:
 * the shadow starts as a copy of the variables at `onTrainBegin` (`s_0 = w_0`) and after every batch
 * `s_t = d_t s_{t-1} + (1 - d_t) w_t`, so with a constant decay `s_T = d^T w_0 + (1 - d) sum_{t=1..T} d^(T-t) w_t`.
 * Evaluate with the average between {@link EmaCallback.swapIn} and {@link EmaCallback.swapOut}.
 *
 * Options: `decay` (0.999), `warmup` (false), `useBuffers` (true). Invalid options throw a RangeError naming them.
 * A batch that ends while the average is swapped in throws (training the average is never what is meant).
 *
 * Polyak & Juditsky 1992, https://doi.org/10.1137/0330046; Tarvainen & Valpola 2017, https://arxiv.org/abs/1703.01780
 */
export function ema({ decay = 0.999, warmup = false, useBuffers = true }: EmaOptions = {}): EmaCallback {
  assertOption(Number.isFinite(decay) && decay >= 0 && decay <= 1, 'decay', decay, 'in [0, 1]');
  assertOption(typeof warmup === 'boolean', 'warmup', warmup, 'a boolean');
  assertOption(typeof useBuffers === 'boolean', 'useBuffers', useBuffers, 'a boolean');
  const store = runningAverage('ema', 'updates', 'shadow');
  const swap = swapper('ema');
  let lastCtx: TrainingContext | undefined;

  const tracked = (ctx: TrainingContext) => selectVariables(ctx.variables(), useBuffers);

  return {
    name: 'ema',
    get updates() {
      return store.count;
    },
    averaged: () => store.average,
    onTrainBegin(ctx) {
      lastCtx = ctx;
      if (store.empty) store.init(tracked(ctx), 0);
    },
    onBatchEnd(ctx) {
      lastCtx = ctx;
      if (swap.active) throw new Error('ema: a training batch ended while the averaged weights were swapped in; call swapOut() first');
      const d = warmup ? Math.min(decay, (1 + store.count) / (10 + store.count)) : decay;
      store.update(tracked(ctx), (s, w) => tf.add(tf.mul(s, d), tf.mul(w, 1 - d)));
    },
    swapIn(variables) {
      const target = variables ?? lastCtx?.variables();
      if (!target) throw new Error('ema.swapIn: no variables yet; pass them or call it after training started');
      if (store.empty) throw new Error('ema.swapIn: nothing averaged yet');
      const names = Object.keys(store.average);
      swap.swapIn(target, store.average, Object.fromEntries(names.map((n) => [n, target[n]!])));
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
