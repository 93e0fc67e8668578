import { join } from './join-schedules';
import { assertOption } from './options';
import type { Schedule } from './schedule';
import { warmupCosineDecay, type WarmupCosineDecayOptions } from './warmup-cosine-decay';

/**
 * `optax.sgdr_schedule`: SGD with warm restarts, a sequence of {@link warmupCosineDecay} cycles, cycle `i` lasting
 * `cosineKwargs[i].decaySteps` steps (warmup included).
 *
 * `s(t) = warmupCosineDecay(cosineKwargs[i])(t - B_i)` with `B_i = sum_{j<i} cosineKwargs[j].decaySteps` the start
 * of the cycle containing `t`; the last cycle holds its `endValue` after it ends.
 *
 * Range: the union of the cycles' ranges.
 *
 * Paper: Loshchilov & Hutter, SGDR, https://arxiv.org/abs/1608.03983
 *
 * @example sgdr([{ initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100 }, { initValue: 0, peakValue: 0.05, warmupSteps: 10, decaySteps: 200 }])
 */
export function sgdr(cosineKwargs: readonly WarmupCosineDecayOptions[]): Schedule {
  assertOption(Array.isArray(cosineKwargs) && cosineKwargs.length > 0, 'cosineKwargs', cosineKwargs, 'a non-empty array');
  const schedules = cosineKwargs.map((kwargs) => warmupCosineDecay(kwargs));
  const boundaries: number[] = [];
  let step = 0;
  for (const { decaySteps } of cosineKwargs.slice(0, -1)) boundaries.push((step += decaySteps));
  return join(schedules, boundaries, 'cosineKwargs[i].decaySteps', 1);
}
