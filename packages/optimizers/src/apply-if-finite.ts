import * as tf from '@tensorflow/tfjs-core';
import { assertOption, isStateLeaf, type State, type StateLeaf, type TensorMap, type Transform } from '@nnopt/core';

/** Options of {@link applyIfFinite}. */
export interface ApplyIfFiniteOptions {
  /**
   * After this many consecutive non-finite steps, the next non-finite step is applied anyway (optax's
   * `max_consecutive_errors`). Default `Infinity`: never apply a non-finite step.
   */
  maxConsecutiveErrors?: number;
}

/** State of {@link applyIfFinite}: the inner state and device-side counters (int32 scalars, bool scalar). */
export type ApplyIfFiniteState<S extends State = State> = {
  readonly inner: S;
  /** Non-finite steps in a row, reset by a finite step. */
  readonly notFiniteCount: tf.Tensor;
  /** Non-finite steps since `init`: the skip count. */
  readonly totalNotFinite: tf.Tensor;
  /** Whether the last step's gradients were all finite. */
  readonly lastFinite: tf.Tensor;
};

/** Rebuilds `next` with each tensor leaf chosen between `next` and the `previous` leaf at the same path. */
function selectState(next: State, previous: State | undefined, keepPrevious: tf.Tensor): State {
  const out: Record<string, StateLeaf | State> = {};
  for (const [key, node] of Object.entries(next)) {
    const old = previous?.[key];
    if (!isStateLeaf(node)) {
      out[key] = selectState(node, old === undefined || isStateLeaf(old) ? undefined : old, keepPrevious);
    } else if (typeof node !== 'number' && old !== undefined && typeof old !== 'number' && isStateLeaf(old) && old !== node &&
      old.dtype === node.dtype && old.shape.join() === node.shape.join()) {
      out[key] = tf.where(keepPrevious, old, node);
    } else {
      out[key] = node;
    }
  }
  return out;
}

/**
 * Skips steps whose gradients hold a NaN or an infinity, without a device sync (optax `apply_if_finite`, what
 * PyTorch's `GradScaler` does for mixed precision): the inner transform runs every step, and tensor selects
 * (`tf.where`) choose between its result and the previous state on the device:
 *
 * `finite = all_k all(isFinite(g_k))`; if not `finite` (and fewer than `maxConsecutiveErrors` non-finite steps in a
 * row preceded it): `u = 0` and the inner state's tensors stay as they were.
 *
 * The state counts skips on the device: `totalNotFinite` (read it with `await state.totalNotFinite.data()` when you
 * log), `notFiniteCount` (in a row) and `lastFinite`. Convention: host-side numbers in the inner state (step counters
 * such as a bias-correction `t`, which schedules read without a sync) advance even on a skipped step; deciding
 * otherwise would need the sync this transform exists to avoid. Default `maxConsecutiveErrors = Infinity`.
 *
 * @throws RangeError naming `maxConsecutiveErrors` when it is not an integer >= 0 or Infinity.
 */
export function applyIfFinite<S extends State>(inner: Transform<S>, { maxConsecutiveErrors = Infinity }: ApplyIfFiniteOptions = {}): Transform<ApplyIfFiniteState<S>> {
  assertOption(maxConsecutiveErrors === Infinity || (Number.isInteger(maxConsecutiveErrors) && maxConsecutiveErrors >= 0),
    'maxConsecutiveErrors', maxConsecutiveErrors, 'an integer >= 0 or Infinity');
  return {
    init: (params) => ({
      inner: inner.init(params),
      notFiniteCount: tf.scalar(0, 'int32'),
      totalNotFinite: tf.scalar(0, 'int32'),
      lastFinite: tf.scalar(true, 'bool'),
    }),
    update(updates, state, params) {
      // g * 0 is NaN exactly where g is NaN or +-Inf, so one sum per tensor tells finiteness on every backend.
      const checks = Object.values(updates).map((g) => tf.reshape(tf.sum(tf.mul(g, 0)), [1]));
      const finite = checks.length === 0 ? tf.scalar(true, 'bool') : tf.equal(tf.sum(tf.concat(checks)), 0);
      const notFinite = tf.logicalNot(finite);
      const notFiniteCount = tf.where(finite, tf.scalar(0, 'int32'), tf.add(state.notFiniteCount, tf.scalar(1, 'int32')));
      const reject = maxConsecutiveErrors === Infinity
        ? notFinite
        : tf.logicalAnd(notFinite, tf.lessEqual(notFiniteCount, tf.scalar(maxConsecutiveErrors, 'int32')));
      const result = inner.update(updates, state.inner, params);
      const out: TensorMap = {};
      for (const [name, u] of Object.entries(result.updates)) out[name] = tf.where(reject, tf.zerosLike(u), u);
      return {
        updates: out,
        state: {
          inner: selectState(result.state, state.inner, reject) as S,
          notFiniteCount,
          totalNotFinite: tf.add(state.totalNotFinite, tf.cast(notFinite, 'int32')),
          lastFinite: finite,
        },
      };
    },
  };
}
