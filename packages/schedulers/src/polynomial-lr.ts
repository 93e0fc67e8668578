import { assertInteger, assertNonNegative, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link polynomialLR}. */
export interface PolynomialLROptions {
  /** Base learning rate. Finite, >= 0. */
  readonly lr: number;
  /** Steps until the rate reaches 0. Integer >= 1. Default 5. */
  readonly totalIters?: number;
  /** Power of the polynomial. Finite, >= 0. Default 1. */
  readonly power?: number;
}

/**
 * `torch.optim.lr_scheduler.PolynomialLR`: polynomial decay to 0 over `totalIters` steps, then 0.
 *
 * `s(t) = lr * (1 - min(t, totalIters) / totalIters) ^ power`.
 *
 * Range: `[0, lr]`.
 *
 * @example polynomialLR({ lr: 1, totalIters: 4 }) // 1, 0.75, 0.5, 0.25, 0, 0, ...
 */
export function polynomialLR({ lr, totalIters = 5, power = 1 }: PolynomialLROptions): Schedule {
  assertNonNegative('lr', lr);
  assertInteger('totalIters', totalIters, 1);
  assertNonNegative('power', power);
  return checkedSchedule((t) => lr * (1 - Math.min(t, totalIters) / totalIters) ** power);
}
