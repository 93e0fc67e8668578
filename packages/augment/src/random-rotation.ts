import { randomAffineTransform } from './random-affine';
import type { Interpolation } from './grid-sample';
import type { ImageTransform } from './types';
import { toRange } from './validate';

/**
 * `randomRotation({ degrees, interpolation = 'nearest', fill = 0 })`: rotates each sample about its center by its own
 * angle `~ U(-d, d)` (or `U(min, max)`), counter-clockwise for positive angles, as torchvision `RandomRotation`
 * (expand=False). Evaluation: identity.
 */
export function randomRotation({
  degrees,
  interpolation = 'nearest',
  fill = 0,
}: {
  degrees: number | readonly [number, number];
  interpolation?: Interpolation;
  fill?: number | readonly number[];
}): ImageTransform {
  const [lo, hi] = toRange('randomRotation', 'degrees', degrees);
  // torchvision's rotate(a) is affine(angle = -a): draw the negated range.
  return randomAffineTransform('randomRotation', { degrees: [-hi, -lo], roundTranslate: false }, interpolation, fill);
}
