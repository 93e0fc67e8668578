import { join } from './join-schedules';
import type { Schedule } from './schedule';

/**
 * `torch.optim.lr_scheduler.SequentialLR`: `schedules[i]` takes over at `milestones[i - 1]` and restarts its own
 * clock there (PyTorch calls `scheduler.step(0)` at each milestone).
 *
 * `s(t) = schedules[i](t - milestones[i - 1])` with `i = |{ m in milestones : m <= t }|` (no offset for i = 0).
 * Identical to optax's `join_schedules`.
 *
 * `milestones` are strictly increasing integers >= 1, one fewer than `schedules`. Each part carries its own base
 * `lr`; give them all the optimizer's rate to port a PyTorch recipe. Range: the union of the parts'.
 *
 * @example
 * // Linear warmup for 100 steps, then cosine annealing over 900.
 * sequentialLR([linearLR({ lr: 0.1, startFactor: 0.1, totalIters: 100 }), cosineAnnealingLR({ lr: 0.1, tMax: 900 })], [100])
 */
export function sequentialLR(schedules: readonly Schedule[], milestones: readonly number[]): Schedule {
  return join(schedules, milestones, 'milestones', 1);
}
