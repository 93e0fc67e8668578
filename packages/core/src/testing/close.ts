import * as tf from '@tensorflow/tfjs-core';

/** Tolerances of {@link expectClose}: |a - e| <= atol + rtol * |e| elementwise, as `numpy.allclose`. */
export interface Tolerance {
  rtol?: number;
  atol?: number;
}

type Values = tf.Tensor | ArrayLike<number> | number;

function toArray(v: Values): { values: ArrayLike<number>; shape: readonly number[] } {
  if (typeof v === 'number') return { values: [v], shape: [] };
  if (v instanceof tf.Tensor) return { values: v.dataSync() as ArrayLike<number>, shape: v.shape };
  return { values: v, shape: [v.length] };
}

/**
 * Throws unless `actual` and `expected` have the same size (and shape, for two tensors) and agree elementwise
 * within `atol + rtol * |expected|` (defaults rtol 1e-5, atol 1e-7). NaNs must match NaNs. The message shows the
 * number of mismatches, the worst element with its index, and the first few mismatches.
 */
export function expectClose(actual: Values, expected: Values, { rtol = 1e-5, atol = 1e-7 }: Tolerance = {}, label = 'tensor'): void {
  const a = toArray(actual);
  const e = toArray(expected);
  if (actual instanceof tf.Tensor && expected instanceof tf.Tensor && a.shape.join() !== e.shape.join()) {
    throw new Error(`${label}: shape [${a.shape.join(', ')}] differs from expected [${e.shape.join(', ')}]`);
  }
  if (a.values.length !== e.values.length) {
    throw new Error(`${label}: ${a.values.length} values, expected ${e.values.length}`);
  }
  const excess = (i: number): number => {
    const x = a.values[i]!;
    const y = e.values[i]!;
    if ((Number.isNaN(x) && Number.isNaN(y)) || x === y) return 0;
    const err = Math.abs(x - y);
    return err <= atol + rtol * Math.abs(y) ? 0 : Number.isFinite(err) ? err / (atol + rtol * Math.abs(y)) : Infinity;
  };
  const mismatches = Array.from({ length: e.values.length }, (_, i) => i).filter((i) => excess(i) > 0);
  if (mismatches.length === 0) return;
  const worst = mismatches.reduce((w, i) => (excess(i) > excess(w) ? i : w));
  const show = (i: number) => `[${i}] got ${a.values[i]}, expected ${e.values[i]}`;
  throw new Error(
    `${label}: ${mismatches.length} of ${e.values.length} values differ beyond rtol ${rtol}, atol ${atol}; ` +
      `worst ${show(worst)}\n${mismatches.slice(0, 5).map((i) => `  ${show(i)}`).join('\n')}`,
  );
}
