import { assertFunction, assertInteger, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/**
 * Linear warmup laid over a schedule: the schedule runs on its own clock from step 0, scaled by a ramp.
 *
 * `warmup(s, steps)(t) = s(t) * min(1, t / steps)` (`s` itself when `steps = 0`).
 *
 * The ramp starts at 0 at step 0, as in optax's `linear_schedule(0, peak, steps)`, timm's default
 * `warmup_lr_init = 0` and Hugging Face's warmup schedules. To start the schedule only after the warmup instead,
 * join the two: `sequentialLR([linearLR(...), s], [steps])`. `steps` is an integer >= 0. Range: `[0, max s]`.
 *
 * @example warmup(cosineAnnealingLR({ lr: 0.1, tMax: 1000 }), 100)
 */
export function warmup(schedule: Schedule, steps: number): Schedule {
  assertFunction('schedule', schedule);
  assertInteger('steps', steps);
  return checkedSchedule((t) => (t >= steps ? schedule(t) : (schedule(t) * t) / steps));
}
