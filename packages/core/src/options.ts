/**
 * Throws a `RangeError` naming the option when `ok` is false: `"learningRate must be >= 0, got -1"`.
 * Every nnopt factory validates its options with it when called, never later.
 */
export function assertOption(ok: boolean, option: string, value: unknown, expected: string): void {
  if (!ok) throw new RangeError(`${option} must be ${expected}, got ${formatValue(value)}`);
}

/** `value` is a finite number >= 0. */
export function assertNonNegative(option: string, value: number): void {
  assertOption(Number.isFinite(value) && value >= 0, option, value, 'a finite number >= 0');
}

/** `value` is a finite number > 0. */
export function assertPositive(option: string, value: number): void {
  assertOption(Number.isFinite(value) && value > 0, option, value, 'a finite number > 0');
}

/** `value` is a finite number in `[low, high)`. */
export function assertInRange(option: string, value: number, low: number, high: number): void {
  assertOption(Number.isFinite(value) && value >= low && value < high, option, value, `in [${low}, ${high})`);
}

/** `value` is an integer >= `min`. */
export function assertInteger(option: string, value: number, min = 0): void {
  assertOption(Number.isInteger(value) && value >= min, option, value, `an integer >= ${min}`);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  return String(value);
}
