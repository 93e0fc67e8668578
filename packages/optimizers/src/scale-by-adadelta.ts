import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertPositive, type Transform } from '@nnopt/core';
import { perVariable, type PerVariableState } from './per-variable';

/** Options of {@link scaleByAdadelta}. */
export interface ScaleByAdadeltaOptions {
  /** Decay of both running averages. Default 0.9, in `[0, 1]`. */
  rho?: number;
  /** Added inside both square roots. Default 1e-6, > 0. */
  epsilon?: number;
}

/** State of {@link scaleByAdadelta}: per variable, the running averages of `g^2` (`squareAvg`) and of `Δx^2` (`accDelta`). */
export type ScaleByAdadeltaState = PerVariableState<'squareAvg' | 'accDelta'>;

/**
 * Adadelta's preconditioner (Zeiler 2012, https://arxiv.org/abs/1212.5701) as `torch.optim.Adadelta`:
 * `E[g²]_t = rho E[g²]_{t-1} + (1 - rho) g^2`, `Δ = sqrt(E[Δ²]_{t-1} + epsilon) / sqrt(E[g²]_t + epsilon) * g`,
 * `E[Δ²]_t = rho E[Δ²]_{t-1} + (1 - rho) Δ^2`, `u = Δ` (then scaled by the learning rate, 1.0 in PyTorch).
 *
 * Defaults `rho = 0.9`, `epsilon = 1e-6` (tfjs' `adadelta` defaults to `rho = 0.95`, `learningRate = 0.001`).
 *
 * @throws RangeError naming `rho` (outside [0, 1]) or `epsilon` (<= 0).
 */
export function scaleByAdadelta({ rho = 0.9, epsilon = 1e-6 }: ScaleByAdadeltaOptions = {}): Transform<ScaleByAdadeltaState> {
  assertInRange('rho', rho, 0, 1 + Number.EPSILON);
  assertPositive('epsilon', epsilon);
  return perVariable('scaleByAdadelta', ['squareAvg', 'accDelta'], {
    init: (p) => ({ squareAvg: tf.zerosLike(p), accDelta: tf.zerosLike(p) }),
    update(g, s) {
      const squareAvg = tf.add(tf.mul(s.squareAvg as tf.Tensor, rho), tf.mul(tf.square(g), 1 - rho));
      const std = tf.sqrt(tf.add(squareAvg, epsilon));
      const delta = tf.mul(tf.div(tf.sqrt(tf.add(s.accDelta as tf.Tensor, epsilon)), std), g);
      const accDelta = tf.add(tf.mul(s.accDelta as tf.Tensor, rho), tf.mul(tf.square(delta), 1 - rho));
      return { update: delta, slots: { squareAvg, accDelta } };
    },
  });
}
