import { assertInClosedRange, assertInteger, assertNonNegative, assertOption, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link linearLR}. */
export interface LinearLROptions {
  /** Base learning rate. Finite, >= 0. */
  readonly lr: number;
  /** Multiplier at step 0. In (0, 1]. Default 1/3. */
  readonly startFactor?: number;
  /** Multiplier from step `totalIters` on. In [0, 1]. Default 1. */
  readonly endFactor?: number;
  /** Steps over which the multiplier moves linearly. Integer >= 1. Default 5. */
  readonly totalIters?: number;
}

/**
 * `torch.optim.lr_scheduler.LinearLR`: the multiplier moves linearly from `startFactor` to `endFactor` over
 * `totalIters` steps, then stays.
 *
 * `s(t) = lr * (startFactor + (endFactor - startFactor) * min(t, totalIters) / totalIters)`.
 *
 * Range: between `lr * startFactor` and `lr * endFactor`. PyTorch computes the same values recursively;
 * this closed form matches it to rounding.
 *
 * @example linearLR({ lr: 1, startFactor: 0.25, totalIters: 3 }) // 0.25, 0.5, 0.75, 1, 1, ...
 */
export function linearLR({ lr, startFactor = 1 / 3, endFactor = 1, totalIters = 5 }: LinearLROptions): Schedule {
  assertNonNegative('lr', lr);
  assertOption(startFactor > 0 && startFactor <= 1, 'startFactor', startFactor, 'in (0, 1]');
  assertInClosedRange('endFactor', endFactor, 0, 1);
  assertInteger('totalIters', totalIters, 1);
  return checkedSchedule((t) => lr * (startFactor + ((endFactor - startFactor) * Math.min(t, totalIters)) / totalIters));
}
