import type * as tf from '@tensorflow/tfjs-core';
import type { State } from '@nnopt/core';
import { child, slotCount, slotTensor, type FusedRule } from './fused-transform';
import { simdAdam, stagedAdam } from './simd-adam';
import { stepInPlace } from './step-in-place';

/** Static options of {@link fusedAdam} (the scheduled ones arrive as step values). */
export interface FusedAdamOptions {
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  /** `adamw`'s decoupled decay (chain `scaleByAdam, addDecayedWeights, scaleByLearningRate`) instead of `adam`'s L2. */
  readonly decoupled: boolean;
}

/** Per-step constants of the Adam kernel. */
export interface AdamCoefficients {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Coupled L2 factor (`adam`'s weightDecay), 0 for adamw. */
  readonly l2: number;
  /** Decoupled decay factor (`adamw`'s weightDecay), 0 for adam. */
  readonly decay: number;
  /** `1 - beta1^t`. */
  readonly bc1: number;
  /** `sqrt(1 - beta2^t)`. */
  readonly bc2Sqrt: number;
}

/**
 * The fused step of `adam` and `adamw` (internal), one pass per parameter with PyTorch's arithmetic, the same as the
 * composed chain `addL2Gradient, scaleByAdam, scaleByLearningRate` (or `scaleByAdam, addDecayedWeights,
 * scaleByLearningRate`):
 *
 * `g <- g + l2 p`, `m <- beta1 m + (1 - beta1) g`, `v <- beta2 v + (1 - beta2) g^2`, (AMSGrad `v̂ <- max(v̂, v)`),
 * `p <- p - lr ((m / (1 - beta1^t)) / (sqrt(v̂) / sqrt(1 - beta2^t) + epsilon) + decay p)`.
 *
 * The state keeps the composed layout (`{0: {}, 1: {count, mu, nu[, nuMax]}, 2: {count}}` for adam,
 * `{0: {count, mu, nu[, nuMax]}, 1: {}, 2: {count}}` for adamw). Without AMSGrad the loop is a SIMD kernel
 * (`simd-adam.ts`): directly on the wasm heap, or through cache-sized chunks for the cpu backend's arrays.
 */
export function fusedAdam({ beta2, epsilon, amsgrad, decoupled }: FusedAdamOptions): FusedRule<{ learningRate: unknown; beta1: unknown; weightDecay: unknown }> {
  const position = decoupled ? '0' : '1';
  return ({ values, state, params, grads, storage }) => {
    // AMSGrad has no SIMD kernel; on wasm the composed (XNNPACK SIMD) ops beat a scalar loop over the heap.
    const simd = storage.name === 'wasm' ? simdAdam(storage.wasm) : stagedAdam;
    if (storage.name === 'wasm' && (amsgrad || simd === undefined)) return undefined;
    const adamState = child(state, position);
    const [counts, mus, nus, nuMaxes] = ['count', 'mu', 'nu', 'nuMax'].map((slot) => child(adamState, slot));
    const lrState = child(state, '2');
    const lrCount = slotCount(lrState, 'count');
    if (lrCount === undefined) return undefined;
    const plan: { name: string; t: number; param: tf.Variable; grad: tf.Tensor; slots: tf.Tensor[] }[] = [];
    for (const [name, grad] of Object.entries(grads)) {
      const param = params[name]!;
      const count = slotCount(counts, name);
      const slots = [mus, nus, ...(amsgrad ? [nuMaxes] : [])].map((map) => slotTensor(storage, map, name, param.size));
      if (count === undefined || slots.some((s) => s === undefined)) return undefined;
      plan.push({ name, t: count + 1, param, grad, slots: slots as tf.Tensor[] });
    }
    const next = { count: { ...counts }, mu: { ...mus }, nu: { ...nus }, ...(amsgrad ? { nuMax: { ...nuMaxes } } : {}) } as {
      [slot: string]: { [name: string]: tf.Tensor | number };
    };
    const { learningRate: lr, beta1, weightDecay } = values;
    for (const { name, t, param, grad, slots } of plan) {
      const c: AdamCoefficients = {
        lr,
        beta1,
        beta2,
        epsilon,
        l2: decoupled ? 0 : weightDecay,
        decay: decoupled ? weightDecay : 0,
        bc1: 1 - beta1 ** t,
        bc2Sqrt: Math.sqrt(1 - beta2 ** t),
      };
      const kept = stepInPlace(storage, param, grad, slots, (p, out, g, [m, v, vMax]) => {
        // The SIMD kernel (on the wasm heap, or staged through cache-sized chunks on cpu) takes the multiple-of-4
        // head (not AMSGrad); the loop finishes what is left.
        const done = simd !== undefined && vMax === undefined ? simd(p, out, g, m!, v!, c) : 0;
        const rest = (a: Float32Array) => (done === 0 ? a : a.subarray(done));
        if (done < p.length) adamLoop(rest(p), rest(out), rest(g), rest(m!), rest(v!), vMax && rest(vMax), c);
      });
      next.count![name] = t;
      next.mu![name] = kept[0]!;
      next.nu![name] = kept[1]!;
      if (amsgrad) next.nuMax![name] = kept[2]!;
    }
    const adamNext = next as State;
    return decoupled
      ? { 0: adamNext, 1: child(state, '1') ?? {}, 2: { count: lrCount + 1 } }
      : { 0: child(state, '0') ?? {}, 1: adamNext, 2: { count: lrCount + 1 } };
  };
}

/**
 * The Adam loop over float32 arrays: one read of `p, g, m, v[, v̂]` and one write of `out, m, v[, v̂]` per element.
 * Every operation is rounded to float32 (`f = Math.fround`) in the composed chain's order, with its scalars as
 * float32, so the result is the composed path's to the last bit on the cpu backend (which rounds each op's
 * float64 result the same way) and on wasm (correctly rounded float32 ops).
 */
export function adamLoop(
  p: Float32Array,
  out: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vMax: Float32Array | undefined,
  { lr, beta1, beta2, epsilon, l2, decay, bc1, bc2Sqrt }: AdamCoefficients,
): void {
  const f = Math.fround;
  const [b1, a1, b2, a2, c1, c2, eps, wdIn, wdOut, nlr] = [beta1, 1 - beta1, beta2, 1 - beta2, bc1, bc2Sqrt, epsilon, l2, decay, -lr].map(f) as [
    number, number, number, number, number, number, number, number, number, number,
  ];
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const pi = p[i]!;
    const gi = wdIn === 0 ? g[i]! : f(g[i]! + f(pi * wdIn));
    const mi = f(f(m[i]! * b1) + f(gi * a1));
    const vi = f(f(v[i]! * b2) + f(f(gi * gi) * a2));
    m[i] = mi;
    v[i] = vi;
    let vh = vi;
    if (vMax !== undefined) {
      vh = Math.max(vMax[i]!, vi);
      vMax[i] = vh;
    }
    let u = f(f(mi / c1) / f(f(f(Math.sqrt(vh)) / c2) + eps));
    if (wdOut !== 0) u = f(u + f(pi * wdOut));
    out[i] = pi + f(u * nlr);
  }
}
