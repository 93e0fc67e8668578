import type * as tf from '@tensorflow/tfjs-core';
import type { State } from '@nnopt/core';
import { child, slotCount, slotTensor, traceAndLr, type FusedRule } from './fused-transform';
import { stepInPlace } from './step-in-place';

/** Static options of {@link fusedRmsprop}. */
export interface FusedRmspropOptions {
  readonly alpha: number;
  readonly epsilon: number;
  readonly centered: boolean;
  /** Whether the chain has the `trace` stage (momentum non-zero or scheduled). */
  readonly withMomentum: boolean;
}

/**
 * The fused step (cpu backend) of `rmsprop` (internal), the composed chain `addL2Gradient, scaleByRms | scaleByStddev, [trace],
 * scaleByLearningRate` in one pass (torch.optim.RMSprop): `g <- g + weightDecay p`, `v <- alpha v + (1 - alpha) g^2`,
 * centered `a <- alpha a + (1 - alpha) g` and `d = g / (sqrt(v - a^2) + epsilon)`, else `d = g / (sqrt(v) + epsilon)`;
 * momentum `b <- momentum b + d` (`b = d` on the first step), `p <- p - lr b`, else `p <- p - lr d`.
 * State `{0: {}, 1: {nu} | {mu, nu}, [2: {count, trace}], last: {count}}`.
 */
export function fusedRmsprop({ alpha, epsilon, centered, withMomentum }: FusedRmspropOptions): FusedRule<{ learningRate: unknown; momentum: unknown; weightDecay: unknown }> {
  const lrPosition = withMomentum ? '3' : '2';
  return ({ values, state, params, grads, storage }) => {
    // On wasm, tfjs' own (XNNPACK SIMD) ops beat a scalar JavaScript loop over the heap: keep the composed path.
    if (storage.name === 'wasm') return undefined;
    const rmsState = child(state, '1');
    const nus = child(rmsState, 'nu');
    const mus = centered ? child(rmsState, 'mu') : undefined;
    const { counts, traces, lrCount } = traceAndLr(state, withMomentum ? '2' : undefined, lrPosition);
    if (lrCount === undefined) return undefined;
    const plan: { name: string; count: number; param: tf.Variable; grad: tf.Tensor; slots: tf.Tensor[] }[] = [];
    for (const [name, grad] of Object.entries(grads)) {
      const param = params[name]!;
      const maps = [nus, ...(centered ? [mus] : []), ...(withMomentum ? [traces] : [])];
      const slots = maps.map((map) => slotTensor(storage, map, name, param.size));
      const count = withMomentum ? slotCount(counts, name) : 0;
      if (count === undefined || slots.some((s) => s === undefined)) return undefined;
      plan.push({ name, count, param, grad, slots: slots as tf.Tensor[] });
    }
    const { learningRate: lr, momentum, weightDecay: wd } = values;
    const next = { nu: { ...nus }, mu: { ...mus }, count: { ...counts }, trace: { ...traces } } as { [slot: string]: { [name: string]: tf.Tensor | number } };
    for (const { name, count, param, grad, slots } of plan) {
      const kept = stepInPlace(storage, param, grad, slots, (p, out, g, arrays) => {
        const v = arrays[0]!;
        const a = centered ? arrays[1] : undefined;
        const b = withMomentum ? arrays[centered ? 2 : 1] : undefined;
        rmspropLoop(p, out, g, v, a, b, { lr, wd, alpha, epsilon, momentum, first: count === 0 });
      });
      next.nu![name] = kept[0]!;
      if (centered) next.mu![name] = kept[1]!;
      if (withMomentum) {
        next.count![name] = count + 1;
        next.trace![name] = kept[centered ? 2 : 1]!;
      }
    }
    const precondition = centered ? { mu: next.mu!, nu: next.nu! } : { nu: next.nu! };
    const out: { [key: string]: State } = { 0: child(state, '0') ?? {}, 1: precondition as State };
    if (withMomentum) out[2] = { count: next.count!, trace: next.trace! } as State;
    out[lrPosition] = { count: lrCount + 1 };
    return out;
  };
}

/**
 * RMSprop's loop, each op rounded to float32 as the composed chain's; `a` (centered mean) and `b` (momentum
 * buffer) are optional; `first` starts the buffer at the preconditioned gradient.
 */
export function rmspropLoop(
  p: Float32Array,
  out: Float32Array,
  g: Float32Array,
  v: Float32Array,
  a: Float32Array | undefined,
  b: Float32Array | undefined,
  { lr, wd, alpha, epsilon, momentum, first }: { lr: number; wd: number; alpha: number; epsilon: number; momentum: number; first: boolean },
): void {
  const f = Math.fround;
  const [w, al, a1, eps, mom, nlr] = [wd, alpha, 1 - alpha, epsilon, momentum, -lr].map(f) as [number, number, number, number, number, number];
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const pi = p[i]!;
    const gi = w === 0 ? g[i]! : f(g[i]! + f(pi * w));
    const vi = f(f(v[i]! * al) + f(f(gi * gi) * a1));
    v[i] = vi;
    let d: number;
    if (a === undefined) d = f(gi / f(f(Math.sqrt(vi)) + eps));
    else {
      const ai = f(f(a[i]! * al) + f(gi * a1));
      a[i] = ai;
      d = f(gi / f(f(Math.sqrt(f(vi - f(ai * ai)))) + eps));
    }
    if (b !== undefined) {
      const bi = first ? d : f(f(b[i]! * mom) + d);
      b[i] = bi;
      d = bi;
    }
    out[i] = pi + f(d * nlr);
  }
}
