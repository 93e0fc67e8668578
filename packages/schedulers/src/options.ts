import type { Schedule } from './schedule';

// Local option validation. @nnopt/core has the same helpers; this package does not import core (it stays
// dependency-free), so the few it needs are repeated here with the same messages.

/** Throws a `RangeError` naming the option when `ok` is false: `"lr must be a finite number >= 0, got -1"`. */
export function assertOption(ok: boolean, option: string, value: unknown, expected: string): void {
  if (!ok) throw new RangeError(`${option} must be ${expected}, got ${formatValue(value)}`);
}

/** `value` is a finite number >= 0. */
export function assertNonNegative(option: string, value: number): void {
  assertOption(isFiniteNumber(value) && value >= 0, option, value, 'a finite number >= 0');
}

/** `value` is a finite number > 0. */
export function assertPositive(option: string, value: number): void {
  assertOption(isFiniteNumber(value) && value > 0, option, value, 'a finite number > 0');
}

/** `value` is a finite number (any sign). */
export function assertFinite(option: string, value: number): void {
  assertOption(isFiniteNumber(value), option, value, 'a finite number');
}

/** `value` is a finite number in `[low, high]`. */
export function assertInClosedRange(option: string, value: number, low: number, high: number): void {
  assertOption(isFiniteNumber(value) && value >= low && value <= high, option, value, `in [${low}, ${high}]`);
}

/** `value` is an integer >= `min`. */
export function assertInteger(option: string, value: number, min = 0): void {
  assertOption(Number.isInteger(value) && value >= min, option, value, `an integer >= ${min}`);
}

/** `value` is one of `choices`. */
export function assertOneOf<T extends string>(option: string, value: T, choices: readonly T[]): void {
  assertOption(choices.includes(value), option, value, `one of ${choices.map((c) => `'${c}'`).join(', ')}`);
}

/** `value` is a function. */
export function assertFunction(option: string, value: unknown): void {
  if (typeof value !== 'function') throw new TypeError(`${option} must be a function, got ${formatValue(value)}`);
}

/** `values` is an array of strictly increasing integers, each >= `min`. */
export function assertIncreasingIntegers(option: string, values: readonly number[], min = 0): void {
  assertOption(
    Array.isArray(values) && values.every((v, i) => Number.isInteger(v) && v >= min && (i === 0 || v > values[i - 1]!)),
    option,
    values,
    `an array of strictly increasing integers >= ${min}`,
  );
}

/** Every schedule's argument: a step count is an integer >= 0. */
export function assertStep(step: number): void {
  if (!(Number.isInteger(step) && step >= 0)) {
    throw new RangeError(`step must be an integer >= 0, got ${formatValue(step)}`);
  }
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'function') return 'a function';
  return String(value);
}

/** Wraps a closed form so every evaluation first checks that the step is an integer >= 0. */
export function checkedSchedule(closedForm: (step: number) => number): Schedule {
  return (step) => {
    assertStep(step);
    return closedForm(step);
  };
}

/** Validates the `schedules` argument of the combinators: a non-empty array of functions. */
export function assertSchedules(option: string, schedules: readonly Schedule[]): void {
  assertOption(Array.isArray(schedules) && schedules.length > 0, option, schedules, 'a non-empty array of schedules');
  schedules.forEach((s, i) => assertFunction(`${option}[${i}]`, s));
}
