import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertNonNegative, assertPositive, type TensorMap, type Transform } from '@nnopt/core';
import { stateEntry } from './state-entry';

/** Options of {@link scaleByFactoredRms}. */
export interface ScaleByFactoredRmsOptions {
  /** Factor the second moment of tensors of rank >= 2. Default true. */
  factored?: boolean;
  /** Exponent `c` of the decay schedule `beta2_t = 1 - t^(-c)`. Default 0.8. */
  decayRate?: number;
  /** Steps subtracted from `t` in the decay schedule (for fine-tuning). Default 0. */
  stepOffset?: number;
  /** Factor only when the second largest dimension is at least this. Default 128. */
  minDimSizeToFactor?: number;
  /** `epsilon_1`, added to the squared gradient. Default 1e-30. */
  epsilon?: number;
}

/** State of {@link scaleByFactoredRms}: row/column statistics of factored tensors, full `v` otherwise; step per variable. */
export type ScaleByFactoredRmsState = {
  readonly vRow: TensorMap;
  readonly vCol: TensorMap;
  readonly v: TensorMap;
  readonly count: { readonly [name: string]: number };
};

/**
 * The two dims `[d1, d0]` (second largest, largest; ties broken by position) to factor over, or `undefined` when
 * the tensor is kept whole, as optax `_factored_dims`.
 */
function factoredDims(shape: readonly number[], factored: boolean, minDimSizeToFactor: number): [number, number] | undefined {
  if (!factored || shape.length < 2) return undefined;
  const sorted = shape.map((_, i) => i).sort((a, b) => shape[a]! - shape[b]! || a - b);
  const d1 = sorted[sorted.length - 2]!;
  const d0 = sorted[sorted.length - 1]!;
  return shape[d1]! < minDimSizeToFactor ? undefined : [d1, d0];
}

/**
 * Adafactor's factored second-moment preconditioner (Shazeer & Stern 2018, "Adafactor: Adaptive Learning Rates with
 * Sublinear Memory Cost", https://arxiv.org/abs/1804.04235, Algorithms 4-5), as optax `scale_by_factored_rms`.
 * With `G = g^2 + epsilon` and `beta2_t = 1 - (t - stepOffset)^(-decayRate)` (`t` = 1 on a variable's first step):
 *
 * - factored (rank >= 2 and the second largest dim `>= minDimSizeToFactor`; `d0` the largest dim, `d1` the second):
 *   `R_t = beta2_t R_{t-1} + (1 - beta2_t) mean_{d0}(G)`, `C_t = beta2_t C_{t-1} + (1 - beta2_t) mean_{d1}(G)`,
 *   `u = g / sqrt(R_t / mean(R_t)) / sqrt(C_t)` (the rank-1 estimate `V = R C / mean(R)` broadcast back);
 * - otherwise `V_t = beta2_t V_{t-1} + (1 - beta2_t) G`, `u = g / sqrt(V_t)`.
 *
 * Defaults: `factored = true`, `decayRate = 0.8`, `stepOffset = 0`, `minDimSizeToFactor = 128`, `epsilon = 1e-30`.
 * Memory per factored `m x n` matrix is `m + n`. Variables without a gradient keep their statistics and step.
 *
 * @throws RangeError naming the option when invalid.
 */
export function scaleByFactoredRms({
  factored = true,
  decayRate = 0.8,
  stepOffset = 0,
  minDimSizeToFactor = 128,
  epsilon = 1e-30,
}: ScaleByFactoredRmsOptions = {}): Transform<ScaleByFactoredRmsState> {
  assertPositive('decayRate', decayRate);
  assertInteger('stepOffset', stepOffset);
  assertInteger('minDimSizeToFactor', minDimSizeToFactor, 1);
  assertNonNegative('epsilon', epsilon);
  return {
    init(params) {
      const vRow: TensorMap = {};
      const vCol: TensorMap = {};
      const v: TensorMap = {};
      for (const [name, p] of Object.entries(params)) {
        const dims = factoredDims(p.shape, factored, minDimSizeToFactor);
        if (dims === undefined) {
          v[name] = tf.zerosLike(p);
        } else {
          vRow[name] = tf.zeros(p.shape.filter((_, i) => i !== dims[1]));
          vCol[name] = tf.zeros(p.shape.filter((_, i) => i !== dims[0]));
        }
      }
      return { vRow, vCol, v, count: Object.fromEntries(Object.keys(params).map((name) => [name, 0])) };
    },
    update(updates, state) {
      const vRow: TensorMap = { ...state.vRow };
      const vCol: TensorMap = { ...state.vCol };
      const v: TensorMap = { ...state.v };
      const count = { ...state.count };
      const out: TensorMap = {};
      for (const [name, g] of Object.entries(updates)) {
        const t = (state.count[name] ?? 0) + 1;
        count[name] = t;
        const beta2 = 1 - (t - stepOffset) ** -decayRate;
        const squared = tf.add(tf.square(g), epsilon);
        const dims = factoredDims(g.shape, factored, minDimSizeToFactor);
        if (dims === undefined) {
          const next = tf.add(tf.mul(stateEntry(state.v, name, 'scaleByFactoredRms'), beta2), tf.mul(squared, 1 - beta2));
          v[name] = next;
          out[name] = tf.mul(g, tf.rsqrt(next));
        } else {
          const [d1, d0] = dims;
          const row = tf.add(tf.mul(stateEntry(state.vRow, name, 'scaleByFactoredRms'), beta2), tf.mul(tf.mean(squared, d0), 1 - beta2));
          const col = tf.add(tf.mul(stateEntry(state.vCol, name, 'scaleByFactoredRms'), beta2), tf.mul(tf.mean(squared, d1), 1 - beta2));
          const rowFactor = tf.rsqrt(tf.div(row, tf.mean(row, d1 > d0 ? d1 - 1 : d1, true)));
          out[name] = tf.mul(tf.mul(g, tf.expandDims(rowFactor, d0)), tf.expandDims(tf.rsqrt(col), d1));
          vRow[name] = row;
          vCol[name] = col;
        }
      }
      return { updates: out, state: { vRow, vCol, v, count } };
    },
  };
}
