import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertNonNegative, mapTensors, valueAt, type ScheduleLike, type State, type TensorMap, type Transform } from '@nnopt/core';
import { stateEntry } from './state-entry';

/** Options of {@link scheduleFree}. */
export interface ScheduleFreeOptions {
  /** The learning rate the base transform uses (number or schedule), which sets the averaging weights. Required. */
  learningRate: ScheduleLike;
  /** Interpolation `beta1` between the average `x` and the base iterate `z`. Default 0.9. */
  beta1?: number;
  /** Exponent of the weights `max_lr^weightLrPower` of the average. Default 2. */
  weightLrPower?: number;
}

/** State of {@link scheduleFree}: the base state, the base iterate `z`, and per-variable weight sums and max rates. */
export type ScheduleFreeState<S extends State = State> = {
  readonly inner: S;
  readonly z: TensorMap;
  readonly weightSum: { readonly [name: string]: number };
  readonly maxLr: { readonly [name: string]: number };
  readonly count: number;
};

/**
 * Schedule-free wrapper (Defazio et al. 2024, "The Road Less Scheduled", https://arxiv.org/abs/2405.15682), as optax
 * `contrib.schedule_free`. The variables hold `y`, where gradients are taken; the state holds the base iterate `z`
 * (initialized to the parameters); the average `x` is recovered as `x = (y - (1 - beta1) z) / beta1`. Per step, with
 * `u` the base transform's update at `y` and `lr_t` its learning rate:
 *
 * `z <- z + u`, `w = max_{s<=t} lr_s ^ weightLrPower`, `c = w / sum w`, `x <- (1 - c) x + c z`,
 * `y <- beta1 x + (1 - beta1) z`
 *
 * Evaluate the model at `x` (not `y`): `x = (y - (1 - beta1) z) / beta1` from the state. The base transform should
 * have no momentum of its own (e.g. Adam with `beta1 = 0`, see `scheduleFreeAdamw`). Defaults `beta1 = 0.9`,
 * `weightLrPower = 2`. Weight sums and maximum rates are kept per variable (variables without a gradient are
 * untouched); the learning rate is evaluated at the wrapper's global step, as `scaleByLearningRate` does.
 *
 * @throws RangeError naming `beta1` (must be in (0, 1)), `weightLrPower` or `learningRate` when invalid.
 */
export function scheduleFree<S extends State>(inner: Transform<S>, { learningRate, beta1 = 0.9, weightLrPower = 2 }: ScheduleFreeOptions): Transform<ScheduleFreeState<S>> {
  assertInRange('beta1', beta1, Number.MIN_VALUE, 1);
  assertNonNegative('weightLrPower', weightLrPower);
  assertNonNegative('learningRate', valueAt(learningRate, 0));
  return {
    init: (params) => ({
      inner: inner.init(params),
      z: mapTensors(params, (p) => tf.clone(p)),
      weightSum: Object.fromEntries(Object.keys(params).map((name) => [name, 0])),
      maxLr: Object.fromEntries(Object.keys(params).map((name) => [name, 0])),
      count: 0,
    }),
    update(updates, state, params) {
      const lr = valueAt(learningRate, state.count);
      const result = inner.update(updates, state.inner, params);
      const z: TensorMap = { ...state.z };
      const weightSum = { ...state.weightSum };
      const maxLr = { ...state.maxLr };
      const out: TensorMap = {};
      for (const [name, u] of Object.entries(result.updates)) {
        const y = stateEntry(params, name, 'scheduleFree params');
        const zPrev = stateEntry(state.z, name, 'scheduleFree');
        const peak = Math.max(state.maxLr[name] ?? 0, lr);
        const weight = peak ** weightLrPower;
        const total = (state.weightSum[name] ?? 0) + weight;
        const c = total > 0 ? weight / total : 0;
        const zNext = tf.add(zPrev, u);
        const xPrev = tf.div(tf.sub(y, tf.mul(zPrev, 1 - beta1)), beta1);
        const x = tf.add(tf.mul(xPrev, 1 - c), tf.mul(zNext, c));
        out[name] = tf.sub(tf.add(tf.mul(x, beta1), tf.mul(zNext, 1 - beta1)), y);
        z[name] = zNext;
        weightSum[name] = total;
        maxLr[name] = peak;
      }
      return { updates: out, state: { inner: result.state, z, weightSum, maxLr, count: state.count + 1 } };
    },
  };
}
