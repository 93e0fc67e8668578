import * as tf from '@tensorflow/tfjs-core';
import { checkAxisOption, makeConstraint, resolveAxes, type Constraint } from './constraint';
import { isDecayable, type ParamFilter } from './param-filter';

/** Options of {@link unitNorm}. */
export interface UnitNormOptions {
  /** Axes the norm is taken over (Keras convention, default 0). */
  readonly axis?: number | readonly number[];
  /** Which variables are constrained (default {@link isDecayable}). */
  readonly filter?: ParamFilter;
}

/**
 * Unit-norm constraint, Keras `constraints.UnitNorm`: `w <- w / (eps + ||w||)` with the L2 norm over `axis` and
 * `eps = 1e-7`, applied after each step (see {@link Constraint}). Throws a RangeError naming `axis` when invalid.
 */
export function unitNorm({ axis = 0, filter = isDecayable }: UnitNormOptions = {}): Constraint {
  checkAxisOption(axis);
  return makeConstraint('unitNorm', filter, (w, name) =>
    tf.div(w, tf.add(1e-7, tf.sqrt(tf.sum(tf.square(w), resolveAxes('unitNorm', axis, w.rank, name), true)))),
  );
}
