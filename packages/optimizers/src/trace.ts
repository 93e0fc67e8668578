import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertNonNegative, assertOption, type Transform } from '@nnopt/core';
import { perVariable, type PerVariableState } from './per-variable';

/** Options of {@link trace}. */
export interface TraceOptions {
  /** Momentum factor. Default 0.9, >= 0 (as PyTorch, values >= 1 are accepted). */
  momentum?: number;
  /** Dampening `d` of the new gradient. Default 0, in `[0, 1]`. */
  dampening?: number;
  /** Nesterov momentum. Default false; needs `momentum > 0` and `dampening = 0`. */
  nesterov?: boolean;
}

/** State of {@link trace}: per variable, the steps taken and the momentum buffer. */
export type TraceState = PerVariableState<'count' | 'trace'>;

/**
 * Momentum as in `torch.optim.SGD` (heavy ball, optionally Nesterov), per variable:
 *
 * - first step: `b_1 = g_1` (PyTorch's lazily created buffer: no dampening on the first step)
 * - later steps: `b_t = momentum * b_{t-1} + (1 - dampening) * g_t`
 * - output: `u_t = g_t + momentum * b_t` with `nesterov`, else `u_t = b_t`
 *
 * Defaults `momentum = 0.9`, `dampening = 0`, `nesterov = false`. (optax's `trace` starts from `b_0 = 0` and has
 * no dampening; the two agree when `dampening = 0`.) Nesterov: Sutskever et al. 2013,
 * http://proceedings.mlr.press/v28/sutskever13.html.
 *
 * @throws RangeError naming `momentum` (< 0), `dampening` (outside [0, 1]) or `nesterov` (without momentum or with dampening).
 */
export function trace({ momentum = 0.9, dampening = 0, nesterov = false }: TraceOptions = {}): Transform<TraceState> {
  assertNonNegative('momentum', momentum);
  assertInRange('dampening', dampening, 0, 1 + Number.EPSILON);
  assertOption(typeof nesterov === 'boolean', 'nesterov', nesterov, 'a boolean');
  assertOption(!nesterov || (momentum > 0 && dampening === 0), 'nesterov', nesterov, 'false unless momentum > 0 and dampening = 0');
  return perVariable('trace', ['count', 'trace'], {
    init: (param) => ({ count: 0, trace: tf.zerosLike(param) }),
    update(g, { count, trace: b }) {
      const next = count === 0 ? tf.clone(g) : tf.add(tf.mul(b, momentum), dampening === 0 ? g : tf.mul(g, 1 - dampening));
      const update = nesterov ? tf.add(g, tf.mul(next, momentum)) : next;
      return { update, slots: { count: (count as number) + 1, trace: next } };
    },
  });
}
