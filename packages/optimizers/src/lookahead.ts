import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertOption, mapTensors, type State, type TensorMap, type Transform } from '@nnopt/core';
import { stateEntry } from './state-entry';

/** Options of {@link lookahead}. */
export interface LookaheadOptions {
  /** Number `k` of fast steps between synchronizations. Default 5 (the paper's). */
  syncPeriod?: number;
  /** Step `alpha` of the slow weights towards the fast ones. Default 0.5 (the paper's), in `(0, 1]`. */
  slowStepSize?: number;
}

/** State of {@link lookahead}: the inner (fast) state, the slow weights and a fast-step count per variable. */
export type LookaheadState<S extends State = State> = {
  readonly inner: S;
  readonly slow: TensorMap;
  readonly step: { readonly [name: string]: number };
};

/**
 * Lookahead (Zhang et al. 2019, "Lookahead Optimizer: k steps forward, 1 step back",
 * https://arxiv.org/abs/1907.08610) around any inner transform. The variables hold the fast weights `theta`; the
 * state holds the slow weights `phi` (initialized to the parameters). Each step applies the inner update; every
 * `syncPeriod`-th step of a variable it also synchronizes:
 *
 * `theta <- theta + u_t`; if `t mod k == 0`: `phi <- phi + alpha (theta - phi)`, `theta <- phi`
 *
 * Defaults `syncPeriod = 5`, `slowStepSize = 0.5`. The inner state is not reset at a sync (the paper's default).
 * Unlike optax's `lookahead`, no `LookaheadParams` pair is needed: evaluate at the fast weights (the variables).
 * Each variable counts its own steps (a host number, no sync), so variables without a gradient are untouched.
 *
 * @throws RangeError naming `syncPeriod` or `slowStepSize` when invalid.
 */
export function lookahead<S extends State>(inner: Transform<S>, { syncPeriod = 5, slowStepSize = 0.5 }: LookaheadOptions = {}): Transform<LookaheadState<S>> {
  assertInteger('syncPeriod', syncPeriod, 1);
  assertOption(Number.isFinite(slowStepSize) && slowStepSize > 0 && slowStepSize <= 1, 'slowStepSize', slowStepSize, 'in (0, 1]');
  return {
    init: (params) => ({
      inner: inner.init(params),
      slow: mapTensors(params, (p) => tf.clone(p)),
      step: Object.fromEntries(Object.keys(params).map((name) => [name, 0])),
    }),
    update(updates, state, params) {
      const result = inner.update(updates, state.inner, params);
      const slow: TensorMap = { ...state.slow };
      const step = { ...state.step };
      const out: TensorMap = {};
      for (const [name, u] of Object.entries(result.updates)) {
        const t = (state.step[name] ?? 0) + 1;
        step[name] = t;
        if (t % syncPeriod !== 0) {
          out[name] = u;
          continue;
        }
        const p = stateEntry(params, name, 'lookahead params');
        const phi = stateEntry(state.slow, name, 'lookahead');
        const next = tf.add(phi, tf.mul(tf.sub(tf.add(p, u), phi), slowStepSize));
        slow[name] = next;
        out[name] = tf.sub(next, p);
      }
      return { updates: out, state: { inner: result.state, slow, step } };
    },
  };
}
