import { assertNonNegative, type Transform } from '@nnopt/core';
import { decayTerm } from './add-decayed-weights';
import type { ParamSelector } from './param-selector';

/**
 * Coupled weight decay, PyTorch's `weight_decay` in SGD, Adam, Adagrad, RMSprop, Adadelta, Adamax, NAdam and RAdam:
 * the L2 penalty's gradient `g = g + weightDecay * p` is added *before* the preconditioner (so Adam rescales it;
 * contrast {@link addDecayedWeights}). Stateless; the same arithmetic as `addDecayedWeights`, placed first in a chain.
 *
 * @param weightDecay `>= 0` (a `RangeError` naming `weightDecay` otherwise).
 * @param mask Which variables get the penalty (names, `RegExp` or predicate). Default: every variable.
 */
export function addL2Gradient(weightDecay: number, mask?: ParamSelector): Transform {
  assertNonNegative('weightDecay', weightDecay);
  return decayTerm('addL2Gradient', weightDecay, mask);
}
