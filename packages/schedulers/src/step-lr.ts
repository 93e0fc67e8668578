import { assertInteger, assertNonNegative, assertPositive, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link stepLR}. */
export interface StepLROptions {
  /** Base learning rate. Finite, >= 0. */
  readonly lr: number;
  /** Period of the decay in steps. Integer >= 1. Required. */
  readonly stepSize: number;
  /** Multiplicative decay per period. Finite, > 0. Default 0.1. */
  readonly gamma?: number;
}

/**
 * `torch.optim.lr_scheduler.StepLR`: decays by `gamma` every `stepSize` steps.
 *
 * `s(t) = lr * gamma ^ floor(t / stepSize)`.
 *
 * Range: `(0, lr]` for `gamma <= 1`; grows without bound for `gamma > 1`.
 *
 * @example stepLR({ lr: 0.1, stepSize: 30 }) // 0.1 for t < 30, 0.01 for t < 60, ...
 */
export function stepLR({ lr, stepSize, gamma = 0.1 }: StepLROptions): Schedule {
  assertNonNegative('lr', lr);
  assertInteger('stepSize', stepSize, 1);
  assertPositive('gamma', gamma);
  return checkedSchedule((t) => lr * gamma ** Math.floor(t / stepSize));
}
