import { assertNonNegative, assertPositive, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link exponentialLR}. */
export interface ExponentialLROptions {
  /** Base learning rate. Finite, >= 0. */
  readonly lr: number;
  /** Multiplicative decay per step. Finite, > 0. Required. */
  readonly gamma: number;
}

/**
 * `torch.optim.lr_scheduler.ExponentialLR`: decays by `gamma` every step.
 *
 * `s(t) = lr * gamma ^ t`.
 *
 * Range: `(0, lr]` for `gamma <= 1` (it may underflow to 0 after many steps).
 *
 * @example exponentialLR({ lr: 1, gamma: 0.9 }) // 1, 0.9, 0.81, ...
 */
export function exponentialLR({ lr, gamma }: ExponentialLROptions): Schedule {
  assertNonNegative('lr', lr);
  assertPositive('gamma', gamma);
  return checkedSchedule((t) => lr * gamma ** t);
}
