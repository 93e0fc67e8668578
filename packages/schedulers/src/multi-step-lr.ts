import { assertIncreasingIntegers, assertNonNegative, assertPositive, checkedSchedule } from './options';
import { countAtMost } from './bisect';
import type { Schedule } from './schedule';

/** Options of {@link multiStepLR}. */
export interface MultiStepLROptions {
  /** Base learning rate. Finite, >= 0. */
  readonly lr: number;
  /** Steps at which the rate is multiplied by `gamma`. Strictly increasing integers >= 1. Required. */
  readonly milestones: readonly number[];
  /** Multiplicative decay at each milestone. Finite, > 0. Default 0.1. */
  readonly gamma?: number;
}

/**
 * `torch.optim.lr_scheduler.MultiStepLR`: decays by `gamma` at each milestone.
 *
 * `s(t) = lr * gamma ^ |{ m in milestones : m <= t }|`.
 *
 * Range: `[lr * gamma^k, lr]` (k = number of milestones) for `gamma <= 1`.
 * PyTorch accepts repeated milestones (decaying by `gamma^2` there); here they must be strictly increasing.
 *
 * @example multiStepLR({ lr: 0.1, milestones: [30, 80] }) // 0.1 for t < 30, 0.01 for t < 80, then 0.001
 */
export function multiStepLR({ lr, milestones, gamma = 0.1 }: MultiStepLROptions): Schedule {
  assertNonNegative('lr', lr);
  assertIncreasingIntegers('milestones', milestones, 1);
  assertPositive('gamma', gamma);
  const sorted = [...milestones];
  return checkedSchedule((t) => lr * gamma ** countAtMost(sorted, t));
}
