import * as tf from '@tensorflow/tfjs-core';
import type { TensorMap } from '@nnopt/core';
import type { ParamFilter } from './param-filter';

/**
 * A loss penalty: a pure function of the named parameters returning a scalar to add to the loss, e.g.
 * `loss = tf.add(dataLoss, l2({ l2: 1e-4 })(model.namedParameters()))`. It is differentiable, so `tf.variableGrads`
 * sees it; the returned scalar is the caller's (inside `tf.tidy` it is freed with the step).
 */
export type Penalty = (params: TensorMap) => tf.Scalar;

/**
 * Sums `term(param)` over the parameters `filter` keeps, in one tidy (0 when none is kept). A non-float parameter
 * that the filter keeps is an error naming it, raised before any op runs.
 */
export function sumPenalty(
  penalty: string,
  params: TensorMap,
  filter: ParamFilter,
  term: (param: tf.Tensor) => tf.Tensor,
): tf.Scalar {
  const kept = Object.entries(params).filter(([name, param]) => filter(name, param));
  for (const [name, param] of kept) {
    if (param.dtype !== 'float32') throw new TypeError(`${penalty}: parameter '${name}' has dtype ${param.dtype}, expected float32`);
  }
  return tf.tidy(() => (kept.length === 0 ? tf.scalar(0) : (tf.addN(kept.map(([, p]) => term(p))) as tf.Scalar)));
}
