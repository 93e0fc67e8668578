import type * as tf from '@tensorflow/tfjs-core';
import type { State } from '@nnopt/core';
import { child, slotCount, slotTensor, type FusedRule } from './fused-transform';
import { stepInPlace } from './step-in-place';

/**
 * The fused step (cpu backend) of `adagrad` (internal), the composed chain `addL2Gradient, scaleByAdagrad, scaleByLearningRate`
 * in one pass (torch.optim.Adagrad): `g <- g + weightDecay p`, `s <- s + g^2`,
 * `p <- p - lr g / ((sqrt(s) + epsilon) (1 + (t - 1) lrDecay))`. State `{0: {}, 1: {count, sum}, 2: {count}}`.
 */
export function fusedAdagrad({ epsilon, lrDecay }: { epsilon: number; lrDecay: number }): FusedRule<{ learningRate: unknown; weightDecay: unknown }> {
  return ({ values, state, params, grads, storage }) => {
    // On wasm, tfjs' own (XNNPACK SIMD) ops beat a scalar JavaScript loop over the heap: keep the composed path.
    if (storage.name === 'wasm') return undefined;
    const adagradState = child(state, '1');
    const counts = child(adagradState, 'count');
    const sums = child(adagradState, 'sum');
    const lrCount = slotCount(child(state, '2'), 'count');
    if (lrCount === undefined) return undefined;
    const plan: { name: string; t: number; param: tf.Variable; grad: tf.Tensor; sum: tf.Tensor }[] = [];
    for (const [name, grad] of Object.entries(grads)) {
      const param = params[name]!;
      const count = slotCount(counts, name);
      const sum = slotTensor(storage, sums, name, param.size);
      if (count === undefined || sum === undefined) return undefined;
      plan.push({ name, t: count + 1, param, grad, sum });
    }
    const { learningRate: lr, weightDecay: wd } = values;
    const nextCounts: { [name: string]: unknown } = { ...counts };
    const nextSums: { [name: string]: unknown } = { ...sums };
    for (const { name, t, param, grad, sum } of plan) {
      const decay = 1 + (t - 1) * lrDecay;
      const [kept] = stepInPlace(storage, param, grad, [sum], (p, out, g, [s]) => adagradLoop(p, out, g, s!, lr, wd, epsilon, decay));
      nextCounts[name] = t;
      nextSums[name] = kept!;
    }
    return { 0: child(state, '0') ?? {}, 1: { count: nextCounts, sum: nextSums }, 2: { count: lrCount + 1 } } as State;
  };
}

/** Adagrad's loop, each op rounded to float32 as the composed chain's; `decay` is `1 + (t - 1) lrDecay`. */
export function adagradLoop(p: Float32Array, out: Float32Array, g: Float32Array, s: Float32Array, lr: number, wd: number, epsilon: number, decay: number): void {
  const f = Math.fround;
  const [w, eps, dec, nlr] = [wd, epsilon, decay, -lr].map(f) as [number, number, number, number];
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const pi = p[i]!;
    const gi = w === 0 ? g[i]! : f(g[i]! + f(pi * w));
    const si = f(s[i]! + f(gi * gi));
    s[i] = si;
    out[i] = pi + f(f(gi / f(f(f(Math.sqrt(si)) + eps) * dec)) * nlr);
  }
}
