import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative, type Transform } from '@nnopt/core';
import { selects, type ParamSelector } from './param-selector';

/**
 * Decoupled weight decay (Loshchilov & Hutter 2019, https://arxiv.org/abs/1711.05101), optax's
 * `add_decayed_weights`: `u = u + weightDecay * p` for the variables `mask` chooses (all by default), placed
 * after the preconditioner and before `scaleByLearningRate`, so the step is `p <- p - lr * (u + weightDecay * p)`:
 * `torch.optim.AdamW`'s `p <- p * (1 - lr * weightDecay)` followed by the Adam step. Stateless.
 *
 * @param weightDecay `>= 0` (a `RangeError` naming `weightDecay` otherwise).
 * @param mask Which variables decay: names, a `RegExp` on the name or `(name, param) => boolean`, e.g.
 *   `(name, p) => p.rank > 1` to exempt biases and norms. Default: every variable.
 */
export function addDecayedWeights(weightDecay: number, mask?: ParamSelector): Transform {
  assertNonNegative('weightDecay', weightDecay);
  return decayTerm('addDecayedWeights', weightDecay, mask);
}

/** `u + weightDecay * p` on the chosen variables; shared by {@link addDecayedWeights} and `addL2Gradient`. */
export function decayTerm(what: string, weightDecay: number, mask?: ParamSelector): Transform {
  return {
    init: () => ({}),
    update(updates, state, params) {
      if (weightDecay === 0) return { updates, state };
      const out: { [name: string]: tf.Tensor } = {};
      for (const [name, u] of Object.entries(updates)) {
        const p = params[name];
        if (p === undefined) throw new Error(`${what}: no parameter named '${name}'`);
        out[name] = mask === undefined || selects(mask, name, p) ? tf.add(u, tf.mul(p, weightDecay)) : u;
      }
      return { updates: out, state };
    },
  };
}
