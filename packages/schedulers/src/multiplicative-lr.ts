import { assertFunction, assertNonNegative, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link multiplicativeLR}. */
export interface MultiplicativeLROptions {
  /** Base learning rate. Finite, >= 0. */
  readonly lr: number;
  /** Factor applied at each step `k >= 1`; must be pure (its products are cached). Required. */
  readonly lrLambda: (step: number) => number;
}

/**
 * `torch.optim.lr_scheduler.MultiplicativeLR`: each step multiplies the rate by `lrLambda(step)`.
 *
 * `s(t) = lr * prod_{k=1..t} lrLambda(k)` (so `s(0) = lr`).
 *
 * The running products are cached inside the schedule, so evaluating it in order costs O(1) per step and any step
 * costs at most O(t) once; the result is the same in any order as long as `lrLambda` is pure.
 *
 * Range: `lr` times the products of `lrLambda`.
 *
 * @example multiplicativeLR({ lr: 0.1, lrLambda: () => 0.95 }) // equals exponentialLR({ lr: 0.1, gamma: 0.95 })
 */
export function multiplicativeLR({ lr, lrLambda }: MultiplicativeLROptions): Schedule {
  assertNonNegative('lr', lr);
  assertFunction('lrLambda', lrLambda);
  const products = [1];
  return checkedSchedule((t) => {
    // Multiply in step order, as PyTorch does, so rounding matches its recursion.
    for (let k = products.length; k <= t; k += 1) products.push(products[k - 1]! * lrLambda(k));
    return lr * products[t]!;
  });
}
