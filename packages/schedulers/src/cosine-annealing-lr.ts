import { assertInteger, assertNonNegative, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link cosineAnnealingLR}. */
export interface CosineAnnealingLROptions {
  /** Base (maximum) learning rate, `eta_max`. Finite, >= 0. */
  readonly lr: number;
  /** Half period in steps: the rate reaches `etaMin` at `t = tMax`. Integer >= 1. Required. */
  readonly tMax: number;
  /** Minimum learning rate. Finite, >= 0. Default 0. */
  readonly etaMin?: number;
}

/**
 * `torch.optim.lr_scheduler.CosineAnnealingLR`, closed form (SGDR without restarts).
 *
 * `s(t) = etaMin + (lr - etaMin) * (1 + cos(pi * t / tMax)) / 2`.
 *
 * Like PyTorch, the schedule is periodic past `tMax` (it climbs back to `lr` at `2 * tMax`); hold the minimum with
 * `sequentialLR` or use `cosineAnnealingWarmRestarts` for restarts. Range: between `etaMin` and `lr`.
 *
 * Paper: Loshchilov & Hutter, SGDR, https://arxiv.org/abs/1608.03983
 *
 * @example cosineAnnealingLR({ lr: 0.1, tMax: 100 }) // 0.1 at t = 0, 0.05 at t = 50, 0 at t = 100
 */
export function cosineAnnealingLR({ lr, tMax, etaMin = 0 }: CosineAnnealingLROptions): Schedule {
  assertNonNegative('lr', lr);
  assertInteger('tMax', tMax, 1);
  assertNonNegative('etaMin', etaMin);
  return checkedSchedule((t) => etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2);
}
