import type * as tf from '@tensorflow/tfjs-core';
import type { State } from '@nnopt/core';
import { child, slotCount, slotTensor, traceAndLr, type FusedRule } from './fused-transform';
import { stepInPlace } from './step-in-place';

/** Static options of {@link fusedSgd}. */
export interface FusedSgdOptions {
  /** Whether the chain has the `trace` stage (momentum non-zero or scheduled). */
  readonly withMomentum: boolean;
  readonly dampening: number;
  readonly nesterov: boolean;
}

/**
 * The fused step (cpu backend) of `sgd` (internal), one pass per parameter, the same arithmetic as the composed chain
 * `addL2Gradient, trace, scaleByLearningRate` (torch.optim.SGD):
 *
 * `g <- g + weightDecay p`; with momentum `b <- g` on the variable's first step, else
 * `b <- momentum b + (1 - dampening) g`, `d = g + momentum b` (Nesterov) or `d = b`; without momentum `d = g`;
 * `p <- p - lr d`. State layout `{0: {}, 1: {count, trace}, 2: {count}}` (without momentum `{0: {}, 1: {count}}`).
 */
export function fusedSgd({ withMomentum, dampening, nesterov }: FusedSgdOptions): FusedRule<{ learningRate: unknown; momentum: unknown; weightDecay: unknown }> {
  const lrPosition = withMomentum ? '2' : '1';
  return ({ values, state, params, grads, storage }) => {
    // On wasm, tfjs' own (XNNPACK SIMD) ops beat a scalar JavaScript loop over the heap: keep the composed path.
    if (storage.name === 'wasm') return undefined;
    const { counts, traces, lrCount } = traceAndLr(state, withMomentum ? '1' : undefined, lrPosition);
    if (lrCount === undefined) return undefined;
    const plan: { name: string; count: number; param: tf.Variable; grad: tf.Tensor; slots: tf.Tensor[] }[] = [];
    for (const [name, grad] of Object.entries(grads)) {
      const param = params[name]!;
      if (!withMomentum) {
        plan.push({ name, count: 0, param, grad, slots: [] });
        continue;
      }
      const count = slotCount(counts, name);
      const buffer = slotTensor(storage, traces, name, param.size);
      if (count === undefined || buffer === undefined) return undefined;
      plan.push({ name, count, param, grad, slots: [buffer] });
    }
    const { learningRate: lr, momentum, weightDecay: wd } = values;
    const nextCounts: { [name: string]: unknown } = { ...counts };
    const nextTraces: { [name: string]: unknown } = { ...traces };
    for (const { name, count, param, grad, slots } of plan) {
      const kept = stepInPlace(storage, param, grad, slots, (p, out, g, [b]) =>
        b === undefined ? sgdLoop(p, out, g, lr, wd) : momentumLoop(p, out, g, b, { lr, wd, momentum, dampening, first: count === 0, nesterov }),
      );
      if (withMomentum) {
        nextCounts[name] = count + 1;
        nextTraces[name] = kept[0]!;
      }
    }
    const lrNext = { count: lrCount + 1 };
    return withMomentum
      ? ({ 0: child(state, '0') ?? {}, 1: { count: nextCounts, trace: nextTraces }, 2: lrNext } as State)
      : ({ 0: child(state, '0') ?? {}, 1: lrNext } as State);
  };
}

/** Plain SGD, `p + (-lr) (g + wd p)`, each op rounded to float32 as the composed chain's (see `adamLoop`). */
export function sgdLoop(p: Float32Array, out: Float32Array, g: Float32Array, lr: number, wd: number): void {
  const f = Math.fround;
  const [w, nlr] = [f(wd), f(-lr)] as [number, number];
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const pi = p[i]!;
    const gi = w === 0 ? g[i]! : f(g[i]! + f(pi * w));
    out[i] = pi + f(gi * nlr);
  }
}

/**
 * Heavy-ball / Nesterov momentum, PyTorch's form, each op rounded to float32 as the composed chain's; `first`
 * starts the buffer at the gradient (torch's lazily created buffer).
 */
export function momentumLoop(
  p: Float32Array,
  out: Float32Array,
  g: Float32Array,
  b: Float32Array,
  { lr, wd, momentum, dampening, first, nesterov }: { lr: number; wd: number; momentum: number; dampening: number; first: boolean; nesterov: boolean },
): void {
  const f = Math.fround;
  const [w, mom, keep, nlr] = [wd, momentum, 1 - dampening, -lr].map(f) as [number, number, number, number];
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const pi = p[i]!;
    const gi = w === 0 ? g[i]! : f(g[i]! + f(pi * w));
    const bi = first ? gi : f(f(b[i]! * mom) + (dampening === 0 ? gi : f(gi * keep)));
    b[i] = bi;
    const d = nesterov ? f(gi + f(bi * mom)) : bi;
    out[i] = pi + f(d * nlr);
  }
}
