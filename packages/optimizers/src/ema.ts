import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, mapTensors, type TensorMap, type Transform } from '@nnopt/core';
import { stateEntry } from './state-entry';

/** Options of {@link ema}. */
export interface EmaOptions {
  /** Decay `beta` of the average. Required, in `[0, 1)`. */
  decay: number;
  /** Divide by `1 - beta^t` (Adam-style bias correction, per variable). Default false. */
  debias?: boolean;
}

/** State of {@link ema}: the average per variable and, for `debias`, a step count per variable. */
export type EmaState = { readonly ema: TensorMap; readonly count: { readonly [name: string]: number } };

/**
 * Exponential moving average of the updates, as optax `ema` (the momentum of Adafactor):
 *
 * `e_t = beta e_{t-1} + (1 - beta) u_t`, `u <- e_t` (or `e_t / (1 - beta^t)` with `debias`), `e_0 = 0`
 *
 * Unlike `trace` (PyTorch's momentum, `b = beta b + u`), the new update is weighted by `1 - beta`. Each variable
 * keeps its own step count; variables without a gradient keep their average.
 *
 * @throws RangeError naming `decay` when outside `[0, 1)`.
 */
export function ema({ decay, debias = false }: EmaOptions): Transform<EmaState> {
  assertInRange('decay', decay, 0, 1);
  return {
    init: (params) => ({
      ema: mapTensors(params, (p) => tf.zerosLike(p)),
      count: Object.fromEntries(Object.keys(params).map((name) => [name, 0])),
    }),
    update(updates, state) {
      const next: TensorMap = { ...state.ema };
      const count = { ...state.count };
      const out: TensorMap = {};
      for (const [name, u] of Object.entries(updates)) {
        const e = tf.add(tf.mul(stateEntry(state.ema, name, 'ema'), decay), tf.mul(u, 1 - decay));
        const t = (state.count[name] ?? 0) + 1;
        next[name] = e;
        count[name] = t;
        out[name] = debias ? tf.div(e, 1 - decay ** t) : e;
      }
      return { updates: out, state: { ema: next, count } };
    },
  };
}
