import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertOption, assertPositive, type Transform } from '@nnopt/core';
import { perVariable, type PerVariableState } from './per-variable';

/** Options of {@link scaleByAdam}. */
export interface ScaleByAdamOptions {
  /** Decay of the first moment. Default 0.9, in `[0, 1)`. */
  beta1?: number;
  /** Decay of the second moment. Default 0.999, in `[0, 1)`. */
  beta2?: number;
  /** Added to the bias-corrected root second moment. Default 1e-8, > 0. */
  epsilon?: number;
  /** AMSGrad (Reddi et al. 2018, https://openreview.net/forum?id=ryQu7f-RZ): use the running maximum of `v`. Default false. */
  amsgrad?: boolean;
}

/** State of {@link scaleByAdam}: per variable, the step count `count`, moments `mu`, `nu` and (AMSGrad) `nuMax`. */
export type ScaleByAdamState = PerVariableState<'count' | 'mu' | 'nu' | 'nuMax'>;

/**
 * Adam's preconditioner (Kingma & Ba 2015, https://arxiv.org/abs/1412.6980), exactly as `torch.optim.Adam`, per
 * variable with its own step count `t` (variables without a gradient keep their state and count):
 *
 * `m_t = beta1 m_{t-1} + (1 - beta1) g`, `v_t = beta2 v_{t-1} + (1 - beta2) g^2`,
 * `u = (m_t / (1 - beta1^t)) / (sqrt(v̂_t) / sqrt(1 - beta2^t) + epsilon)` with `v̂_t = v_t`, or with AMSGrad
 * `v̂_t = max(v̂_{t-1}, v_t)` (PyTorch's form, the max of the raw second moments).
 *
 * Convention: epsilon is added *outside* the square root, after bias correction (PyTorch and optax; tfjs' `adam`
 * adds it to `sqrt(v_t)` before correcting). Defaults `beta1 = 0.9`, `beta2 = 0.999`, `epsilon = 1e-8`,
 * `amsgrad = false`. Chain with `scaleByLearningRate` for the step.
 *
 * @throws RangeError naming `beta1`/`beta2` (outside `[0, 1)`) or `epsilon` (<= 0).
 */
export function scaleByAdam({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, amsgrad = false }: ScaleByAdamOptions = {}): Transform<ScaleByAdamState> {
  assertInRange('beta1', beta1, 0, 1);
  assertInRange('beta2', beta2, 0, 1);
  assertPositive('epsilon', epsilon);
  assertOption(typeof amsgrad === 'boolean', 'amsgrad', amsgrad, 'a boolean');
  const slots = amsgrad ? (['count', 'mu', 'nu', 'nuMax'] as const) : (['count', 'mu', 'nu'] as const);
  return perVariable('scaleByAdam', slots, {
    init: (p) => ({ count: 0, mu: tf.zerosLike(p), nu: tf.zerosLike(p), ...(amsgrad ? { nuMax: tf.zerosLike(p) } : {}) }) as never,
    update(g, s) {
      const t = (s.count as number) + 1;
      const mu = tf.add(tf.mul(s.mu as tf.Tensor, beta1), tf.mul(g, 1 - beta1));
      const nu = tf.add(tf.mul(s.nu as tf.Tensor, beta2), tf.mul(tf.square(g), 1 - beta2));
      const nuMax = amsgrad ? tf.maximum(s.nuMax as tf.Tensor, nu) : nu;
      const denom = tf.add(tf.div(tf.sqrt(nuMax), Math.sqrt(1 - beta2 ** t)), epsilon);
      const update = tf.div(tf.div(mu, 1 - beta1 ** t), denom);
      return { update, slots: { count: t, mu, nu, ...(amsgrad ? { nuMax } : {}) } as never };
    },
  }) as Transform<ScaleByAdamState>;
}
