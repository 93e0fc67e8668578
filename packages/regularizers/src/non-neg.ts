import * as tf from '@tensorflow/tfjs-core';
import { makeConstraint, type Constraint } from './constraint';
import { isDecayable, type ParamFilter } from './param-filter';

/** Options of {@link nonNeg}. */
export interface NonNegOptions {
  /** Which variables are constrained (default {@link isDecayable}). */
  readonly filter?: ParamFilter;
}

/**
 * Non-negativity constraint, Keras `constraints.NonNeg`: `w <- max(w, 0)` elementwise, applied after each step
 * (see {@link Constraint}); the projected-gradient step for non-negative weights.
 */
export function nonNeg({ filter = isDecayable }: NonNegOptions = {}): Constraint {
  return makeConstraint('nonNeg', filter, (w) => tf.relu(w));
}
