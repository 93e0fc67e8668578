import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, assertOption, mapTensors, type ScheduleLike, type Transform } from '@nnopt/core';

/** State of {@link scaleByLearningRate}: the number of steps taken, kept on the host (read by a schedule). */
export type ScaleByLearningRateState = { readonly count: number };

/**
 * Scales updates by minus the learning rate, the last link of a descent chain: `u = -lr_t * g`.
 *
 * `learningRate` is a number or a `Schedule` (`step => lr`). A schedule is evaluated at the number of steps already
 * taken (`count`: 0 for the first step), a host-side number in the state, so no device sync is needed. The count
 * advances once per `update`, whether or not every variable had a gradient (like a PyTorch LR scheduler stepped once
 * per optimizer step). A scheduled value that is negative or not finite throws a `RangeError` at that step, before
 * anything changes.
 *
 * @param learningRate `>= 0` (a constant is checked when the factory is called; a schedule at step 0 too).
 */
export function scaleByLearningRate(learningRate: ScheduleLike): Transform<ScaleByLearningRateState> {
  const valueAtStep = (step: number): number => {
    const lr = typeof learningRate === 'number' ? learningRate : learningRate(step);
    assertOption(typeof lr === 'number' && Number.isFinite(lr) && lr >= 0, 'learningRate', lr, `a finite number >= 0 (at step ${step})`);
    return lr;
  };
  if (typeof learningRate === 'number') assertNonNegative('learningRate', learningRate);
  else if (typeof learningRate === 'function') valueAtStep(0);
  else assertOption(false, 'learningRate', learningRate, 'a number or a schedule (step) => number');
  return {
    init: () => ({ count: 0 }),
    update(updates, state) {
      const lr = valueAtStep(state.count);
      return { updates: mapTensors(updates, (u) => tf.mul(u, -lr)), state: { count: state.count + 1 } };
    },
  };
}
