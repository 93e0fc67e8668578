import { assertInClosedRange, assertInteger, assertNonNegative, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link constantLR}. */
export interface ConstantLROptions {
  /** Base learning rate (the optimizer's `lr` in PyTorch). Finite, >= 0. */
  readonly lr: number;
  /** Multiplier applied until `totalIters`. In [0, 1]. Default 1/3. */
  readonly factor?: number;
  /** Number of steps the factor is applied for. Integer >= 0. Default 5. */
  readonly totalIters?: number;
}

/**
 * `torch.optim.lr_scheduler.ConstantLR`: a constant factor for the first `totalIters` steps.
 *
 * `s(t) = lr * factor` for `t < totalIters`, else `lr`.
 *
 * Range: `[lr * factor, lr]`.
 *
 * @example constantLR({ lr: 0.1, factor: 0.5, totalIters: 4 }) // 0.05, 0.05, 0.05, 0.05, 0.1, ...
 */
export function constantLR({ lr, factor = 1 / 3, totalIters = 5 }: ConstantLROptions): Schedule {
  assertNonNegative('lr', lr);
  assertInClosedRange('factor', factor, 0, 1);
  assertInteger('totalIters', totalIters);
  return checkedSchedule((t) => (t < totalIters ? lr * factor : lr));
}
