import { randomAffineTransform } from './random-affine';
import type { Interpolation } from './grid-sample';
import type { ImageTransform } from './types';
import { check } from './validate';

/**
 * `randomTranslation({ heightFactor, widthFactor, interpolation = 'bilinear', fill = 0 })`: shifts each sample by its
 * own `dy ~ U(-heightFactor, heightFactor) * H`, `dx ~ U(-widthFactor, widthFactor) * W` pixels (sub-pixel,
 * interpolated), as Keras `RandomTranslation` with constant fill. Evaluation: identity.
 */
export function randomTranslation({
  heightFactor,
  widthFactor,
  interpolation = 'bilinear',
  fill = 0,
}: {
  heightFactor: number;
  widthFactor: number;
  interpolation?: Interpolation;
  fill?: number | readonly number[];
}): ImageTransform {
  for (const [option, v] of [['heightFactor', heightFactor], ['widthFactor', widthFactor]] as const) {
    check(Number.isFinite(v) && v >= 0 && v <= 1, 'randomTranslation', option, v, 'a fraction in [0, 1]');
  }
  return randomAffineTransform('randomTranslation', { degrees: [0, 0], translate: [widthFactor, heightFactor], roundTranslate: false }, interpolation, fill);
}
