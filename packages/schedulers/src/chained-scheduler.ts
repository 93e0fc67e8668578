import { assertPositive, assertSchedules, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link chainedScheduler}. */
export interface ChainedSchedulerOptions {
  /** The base learning rate every chained schedule was built with (the optimizer's `lr`). Finite, > 0. */
  readonly lr: number;
}

/**
 * `torch.optim.lr_scheduler.ChainedScheduler`: steps several schedulers together, so their multipliers compose.
 *
 * `s(t) = lr * prod_i (schedules[i](t) / lr)`, each schedule built with the same base `lr`.
 *
 * PyTorch's chainable schedulers update the shared rate multiplicatively, so chaining them multiplies their
 * factors; this is exact for `constantLR`, `linearLR`, `stepLR`, `multiStepLR`, `exponentialLR`, `polynomialLR`,
 * `lambdaLR`, `multiplicativeLR` and `cosineAnnealingLR` with `etaMin = 0` within its first half period.
 * (PyTorch's recursive forms of other schedules do not compose as a product.)
 *
 * @example chainedScheduler([constantLR({ lr: 1, factor: 0.1, totalIters: 2 }), exponentialLR({ lr: 1, gamma: 0.9 })], { lr: 1 })
 * // 0.1, 0.09, 0.81, 0.729, ...
 */
export function chainedScheduler(schedules: readonly Schedule[], { lr }: ChainedSchedulerOptions): Schedule {
  assertSchedules('schedules', schedules);
  assertPositive('lr', lr);
  const parts = [...schedules];
  return checkedSchedule((t) => parts.reduce((value, s) => value * (s(t) / lr), lr));
}
