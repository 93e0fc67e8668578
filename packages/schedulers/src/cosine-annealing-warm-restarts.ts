import { assertInteger, assertNonNegative, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link cosineAnnealingWarmRestarts}. */
export interface CosineAnnealingWarmRestartsOptions {
  /** Base (maximum) learning rate. Finite, >= 0. */
  readonly lr: number;
  /** Length of the first cycle in steps (`T_0`). Integer >= 1. Required. */
  readonly t0: number;
  /** Factor by which each cycle is longer than the previous one (`T_mult`). Integer >= 1. Default 1. */
  readonly tMult?: number;
  /** Minimum learning rate. Finite, >= 0. Default 0. */
  readonly etaMin?: number;
}

/**
 * `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts` (SGDR), closed form.
 *
 * Cycle `i` lasts `T_i = t0 * tMult^i` steps; with `T_cur` the steps since the last restart,
 * `s(t) = etaMin + (lr - etaMin) * (1 + cos(pi * T_cur / T_i)) / 2`.
 * With `tMult = 1`, `T_cur = t mod t0`; otherwise the cycle index is `floor(log_tMult(1 + t * (tMult - 1) / t0))`,
 * computed exactly on integers.
 *
 * Range: `(etaMin, lr]` (between `etaMin` and `lr` when `etaMin > lr`).
 *
 * Paper: Loshchilov & Hutter, SGDR, https://arxiv.org/abs/1608.03983
 *
 * @example cosineAnnealingWarmRestarts({ lr: 0.1, t0: 10 }) // restarts at 0.1 every 10 steps
 */
export function cosineAnnealingWarmRestarts({
  lr,
  t0,
  tMult = 1,
  etaMin = 0,
}: CosineAnnealingWarmRestartsOptions): Schedule {
  assertNonNegative('lr', lr);
  assertInteger('t0', t0, 1);
  assertInteger('tMult', tMult, 1);
  assertNonNegative('etaMin', etaMin);
  return checkedSchedule((t) => {
    const { tCur, tI } = restartPosition(t, t0, tMult);
    return etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2;
  });
}

/** Steps since the last restart and length of the current cycle at step `t`. */
function restartPosition(t: number, t0: number, tMult: number): { tCur: number; tI: number } {
  if (tMult === 1) return { tCur: t % t0, tI: t0 };
  // The log gives the cycle index up to rounding; the loops make it exact on integers.
  let n = Math.max(0, Math.floor(Math.log1p((t * (tMult - 1)) / t0) / Math.log(tMult)));
  const start = (i: number) => (t0 * (tMult ** i - 1)) / (tMult - 1);
  while (n > 0 && start(n) > t) n -= 1;
  while (start(n + 1) <= t) n += 1;
  return { tCur: t - start(n), tI: t0 * tMult ** n };
}
