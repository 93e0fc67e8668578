import { assertIncreasingIntegers, assertNonNegative, assertOption } from './options';

/** optax's `boundaries_and_scales`: step boundary -> multiplier applied from that step on. */
export type BoundariesAndScales = Readonly<Record<number, number>>;

/** Validates `boundariesAndScales` and returns its boundaries in increasing order with their scales. */
export function sortedBoundaries(boundariesAndScales: BoundariesAndScales | undefined): {
  boundaries: number[];
  scales: number[];
} {
  if (boundariesAndScales === undefined) return { boundaries: [], scales: [] };
  assertOption(
    typeof boundariesAndScales === 'object' && boundariesAndScales !== null,
    'boundariesAndScales',
    boundariesAndScales,
    'an object mapping steps to scales',
  );
  const entries = Object.entries(boundariesAndScales)
    .map(([key, scale]) => [Number(key), scale] as const)
    .sort((a, b) => a[0] - b[0]);
  const boundaries = entries.map(([b]) => b);
  assertIncreasingIntegers('boundariesAndScales keys', boundaries);
  entries.forEach(([b, scale]) => assertNonNegative(`boundariesAndScales[${b}]`, scale));
  return { boundaries, scales: entries.map(([, s]) => s) };
}
