import { assertFunction, assertNonNegative, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link lambdaLR}. */
export interface LambdaLROptions {
  /** Base learning rate. Finite, >= 0. */
  readonly lr: number;
  /** Multiplier as a function of the step; should be pure. Required. */
  readonly lrLambda: (step: number) => number;
}

/**
 * `torch.optim.lr_scheduler.LambdaLR`: the base rate times a user multiplier.
 *
 * `s(t) = lr * lrLambda(t)`.
 *
 * Range: `lr` times the range of `lrLambda`.
 *
 * @example lambdaLR({ lr: 0.1, lrLambda: (t) => 0.95 ** t })
 */
export function lambdaLR({ lr, lrLambda }: LambdaLROptions): Schedule {
  assertNonNegative('lr', lr);
  assertFunction('lrLambda', lrLambda);
  return checkedSchedule((t) => lr * lrLambda(t));
}
