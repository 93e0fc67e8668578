import { assertOption, valueAt, type ScheduleLike, type State, type Transform } from '@nnopt/core';

/** State of {@link injectHyperparams}: the steps taken (host-side) and the inner transform's state. */
export type InjectHyperparamsState = { readonly count: number; readonly inner: State };

/** A transform whose hyperparameters can be read and replaced between steps. */
export interface InjectedTransform<H extends { [name: string]: ScheduleLike }> extends Transform<InjectHyperparamsState> {
  /** The current hyperparameters (numbers or schedules); assign to change them for the next steps. */
  readonly hyperparams: H;
}

/** Numeric values of hyperparameters given as `number | Schedule`. */
export type HyperparamValues<H> = { [K in keyof H]: number };

/**
 * Makes any numeric hyperparameter of a transform a schedule (optax's `inject_hyperparams`): `factory` builds the
 * transform from plain numbers, and at each step the hyperparameters given as schedules are evaluated at the number
 * of steps already taken (`count`, 0 for the first step, a host-side number in the state) before the transform built
 * from them runs. The hyperparameters are also exposed, mutable, as `.hyperparams`: a `tf.Optimizer` made with
 * `toOptimizer` uses it for `setLearningRate`.
 *
 * `factory` must build transforms with the same state structure for every value (it validates its options, so a
 * schedule that leaves the valid range throws that option's `RangeError` at that step, before anything changes).
 * It is called once here with the step-0 values, so bad values throw when `injectHyperparams` is called.
 *
 * @example
 * const tx = injectHyperparams(({ learningRate, weightDecay }) =>
 *   chain(scaleByAdam(), addDecayedWeights({ weightDecay }), scaleByLearningRate(learningRate)),
 *   { learningRate: (step) => 1e-3 * Math.min(1, (step + 1) / 100), weightDecay: 1e-2 });
 */
export function injectHyperparams<H extends { [name: string]: ScheduleLike }>(
  factory: (values: HyperparamValues<H>) => Transform,
  hyperparams: H,
): InjectedTransform<H> {
  const live = { ...hyperparams };
  const build = (step: number): Transform => {
    const values: { [name: string]: number } = {};
    for (const [name, value] of Object.entries(live)) {
      assertOption(typeof value === 'number' || typeof value === 'function', name, value, 'a number or a schedule');
      values[name] = valueAt(value, step);
    }
    return factory(values as HyperparamValues<H>);
  };
  build(0);
  return {
    hyperparams: live,
    init: (params) => ({ count: 0, inner: build(0).init(params) }),
    update(updates, state, params) {
      const result = build(state.count).update(updates, state.inner, params);
      return { updates: result.updates, state: { count: state.count + 1, inner: result.state } };
    },
  };
}
