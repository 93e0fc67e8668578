import * as tf from '@tensorflow/tfjs-core';
import { assertOption, type Callback, type TensorMap, type TrainingContext } from '@nnopt/core';
import type { ParamFilter } from './param-filter';

/**
 * A projection applied to variables after each optimizer step (Keras constraints). `apply(variables)` projects
 * every variable the filter keeps, in place; as a {@link Callback} it does so on `onBatchEnd` with
 * `ctx.variables()`, so a training loop only lists it among its callbacks. `apply` computes every projection
 * before assigning any, so an error (e.g. an axis out of range) changes nothing.
 */
export interface Constraint extends Callback {
  readonly name: string;
  apply(variables: TensorMap<tf.Variable>): void;
  onBatchEnd(ctx: TrainingContext): void;
}

/** Builds a {@link Constraint} from a per-variable projection `project(w, name)` (run inside `tf.tidy`). */
export function makeConstraint(
  name: string,
  filter: ParamFilter,
  project: (w: tf.Tensor, name: string) => tf.Tensor,
): Constraint {
  const apply = (variables: TensorMap<tf.Variable>): void => {
    const kept = Object.entries(variables).filter(([n, v]) => v.dtype === 'float32' && filter(n, v));
    const projected = tf.tidy(() => kept.map(([n, v]) => project(v, n)));
    kept.forEach(([, v], i) => v.assign(projected[i]!));
    tf.dispose(projected);
  };
  return { name, apply, onBatchEnd: (ctx) => apply(ctx.variables()) };
}

/** Normalizes `axis` (a number or list, negatives from the end) against `rank`; throws naming the variable. */
export function resolveAxes(constraint: string, axis: number | readonly number[], rank: number, name: string): number[] {
  const axes = typeof axis === 'number' ? [axis] : [...axis];
  return axes.map((a) => {
    if (!Number.isInteger(a) || a < -rank || a >= rank) {
      throw new RangeError(`${constraint}: axis ${a} is out of range for '${name}' of rank ${rank}`);
    }
    return a < 0 ? a + rank : a;
  });
}

/** Validates an `axis` option when the factory is called (a RangeError naming `axis`). */
export function checkAxisOption(axis: number | readonly number[]): void {
  const axes: readonly unknown[] = typeof axis === 'number' ? [axis] : Array.isArray(axis) ? axis : [axis];
  assertOption(axes.length > 0 && axes.every(Number.isInteger), 'axis', axis, 'an integer or a non-empty list of integers');
}
