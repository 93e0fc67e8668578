import { assertFunction, assertInteger, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/**
 * Runs an epoch-stepped schedule (PyTorch recipes that call `scheduler.step()` once per epoch) on optimizer steps.
 *
 * `perEpoch(s, stepsPerEpoch)(t) = s(floor(t / stepsPerEpoch))`.
 *
 * `stepsPerEpoch` is an integer >= 1. Range: that of `schedule`.
 *
 * @example perEpoch(stepLR({ lr: 0.1, stepSize: 30 }), 390) // decays every 30 epochs of 390 batches
 */
export function perEpoch(schedule: Schedule, stepsPerEpoch: number): Schedule {
  assertFunction('schedule', schedule);
  assertInteger('stepsPerEpoch', stepsPerEpoch, 1);
  return checkedSchedule((t) => schedule(Math.floor(t / stepsPerEpoch)));
}
