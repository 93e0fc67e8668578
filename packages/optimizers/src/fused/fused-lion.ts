import type * as tf from '@tensorflow/tfjs-core';
import type { State } from '@nnopt/core';
import { child, slotCount, slotTensor, type FusedRule } from './fused-transform';
import { stepInPlace } from './step-in-place';

/**
 * The fused step (cpu backend) of `lion` (internal), the composed chain `scaleByLion, addDecayedWeights, scaleByLearningRate` in
 * one pass (Chen et al. 2023): `c = beta1 m + (1 - beta1) g`, `p <- p - lr (sign(c) + weightDecay p)`,
 * `m <- beta2 m + (1 - beta2) g`. State `{0: {mu}, 1: {}, 2: {count}}`.
 */
export function fusedLion({ beta1, beta2 }: { beta1: number; beta2: number }): FusedRule<{ learningRate: unknown; weightDecay: unknown }> {
  return ({ values, state, params, grads, storage }) => {
    // On wasm, tfjs' own (XNNPACK SIMD) ops beat a scalar JavaScript loop over the heap: keep the composed path.
    if (storage.name === 'wasm') return undefined;
    const mus = child(child(state, '0'), 'mu');
    const lrCount = slotCount(child(state, '2'), 'count');
    if (lrCount === undefined) return undefined;
    const plan: { name: string; param: tf.Variable; grad: tf.Tensor; mu: tf.Tensor }[] = [];
    for (const [name, grad] of Object.entries(grads)) {
      const param = params[name]!;
      const mu = slotTensor(storage, mus, name, param.size);
      if (mu === undefined) return undefined;
      plan.push({ name, param, grad, mu });
    }
    const { learningRate: lr, weightDecay: wd } = values;
    const nextMus: { [name: string]: unknown } = { ...mus };
    for (const { name, param, grad, mu } of plan) {
      const [kept] = stepInPlace(storage, param, grad, [mu], (p, out, g, [m]) => lionLoop(p, out, g, m!, lr, wd, beta1, beta2));
      nextMus[name] = kept!;
    }
    return { 0: { mu: nextMus }, 1: child(state, '1') ?? {}, 2: { count: lrCount + 1 } } as State;
  };
}

/** Lion's loop (sign of the interpolation, then the momentum update), each op rounded to float32 as the composed chain's. */
export function lionLoop(p: Float32Array, out: Float32Array, g: Float32Array, m: Float32Array, lr: number, wd: number, beta1: number, beta2: number): void {
  const f = Math.fround;
  const [b1, a1, b2, a2, w, nlr] = [beta1, 1 - beta1, beta2, 1 - beta2, wd, -lr].map(f) as [number, number, number, number, number, number];
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const pi = p[i]!;
    const gi = g[i]!;
    const mi = m[i]!;
    let u = Math.sign(f(f(mi * b1) + f(gi * a1)));
    m[i] = f(mi * b2) + f(gi * a2);
    if (w !== 0) u = f(u + f(pi * w));
    out[i] = pi + f(u * nlr);
  }
}
