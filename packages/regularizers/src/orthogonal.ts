import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, assertOption } from '@nnopt/core';
import { isDecayable, type ParamFilter } from './param-filter';
import { sumPenalty, type Penalty } from './penalty';

/** Options of {@link orthogonal}. */
export interface OrthogonalOptions {
  /** Strength (default 0.01, as Keras `OrthogonalRegularizer`). */
  readonly factor?: number;
  /**
   * `'rows'` (default) pushes the rows of `W` towards an orthonormal set (`W W^T = I`); `'columns'` the columns
   * (`W^T W = I`). Pick the side with fewer vectors: only that side can be orthonormal.
   */
  readonly mode?: 'rows' | 'columns';
  /** Which parameters are penalized (default {@link isDecayable}); parameters of rank < 2 are always skipped. */
  readonly filter?: ParamFilter;
}

/**
 * Soft orthogonality (SO) penalty of Bansal et al. 2018: `R(W) = factor * ||W W^T - I||_F^2` (`mode: 'rows'`) or
 * `factor * ||W^T W - I||_F^2` (`'columns'`), summed over parameters. Each weight is first flattened to
 * `[shape[0], prod(rest)]`, so a PyTorch-layout conv kernel `[out, in, kh, kw]` gives one row per output filter
 * (for a tfjs-layout `[in, out]` dense kernel use `'columns'` for per-unit orthogonality).
 * Throws a `RangeError` naming `factor` or `mode` when invalid.
 *
 * Bansal, Chen & Wang 2018, "Can We Gain More from Orthogonality Regularizations in Training Deep CNNs?",
 * https://arxiv.org/abs/1810.09102
 */
export function orthogonal({ factor = 0.01, mode = 'rows', filter = isDecayable }: OrthogonalOptions = {}): Penalty {
  assertNonNegative('factor', factor);
  assertOption(mode === 'rows' || mode === 'columns', 'mode', mode, "'rows' or 'columns'");
  const keep: ParamFilter = (name, p) => p.rank >= 2 && filter(name, p);
  return (params) =>
    sumPenalty('orthogonal', params, keep, (p) => {
      const w = tf.reshape(p, [p.shape[0]!, -1]) as tf.Tensor2D;
      const gram = mode === 'rows' ? tf.matMul(w, w, false, true) : tf.matMul(w, w, true, false);
      return tf.mul(factor, tf.sum(tf.square(tf.sub(gram, tf.eye(gram.shape[0])))));
    });
}
