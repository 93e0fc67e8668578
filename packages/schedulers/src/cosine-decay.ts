import { assertInClosedRange, assertInteger, assertNonNegative, assertPositive, checkedSchedule } from './options';
import type { Schedule } from './schedule';

/** Options of {@link cosineDecay}. */
export interface CosineDecayOptions {
  /** Value at step 0. Finite, >= 0. */
  readonly initValue: number;
  /** Steps of the decay; the value stays at `alpha * initValue` after. Integer >= 1. */
  readonly decaySteps: number;
  /** Final multiplier. In [0, 1]. Default 0. */
  readonly alpha?: number;
  /** Exponent of the cosine factor. Finite, > 0. Default 1. */
  readonly exponent?: number;
}

/**
 * `optax.cosine_decay_schedule`: half a cosine from `initValue` to `alpha * initValue`, then constant.
 *
 * `s(t) = initValue * ((1 - alpha) * (0.5 * (1 + cos(pi * min(t, decaySteps) / decaySteps)))^exponent + alpha)`.
 *
 * Range: `[alpha * initValue, initValue]`.
 *
 * Paper: Loshchilov & Hutter, SGDR, https://arxiv.org/abs/1608.03983
 */
export function cosineDecay({ initValue, decaySteps, alpha = 0, exponent = 1 }: CosineDecayOptions): Schedule {
  assertNonNegative('initValue', initValue);
  assertInteger('decaySteps', decaySteps, 1);
  assertInClosedRange('alpha', alpha, 0, 1);
  assertPositive('exponent', exponent);
  return checkedSchedule((t) => {
    const cosine = 0.5 * (1 + Math.cos((Math.PI * Math.min(t, decaySteps)) / decaySteps));
    return initValue * ((1 - alpha) * cosine ** exponent + alpha);
  });
}
