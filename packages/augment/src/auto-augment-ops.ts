import * as tf from '@tensorflow/tfjs-core';
import { adjustBrightness, adjustContrast, adjustSaturation, adjustSharpness } from './adjust-color';
import { affine, type AffineParams } from './affine';
import { selectSamples } from './flip';
import type { Interpolation } from './grid-sample';
import { autocontrast, posterize, solarize } from './pixel-ops';
import { roundHalfEven } from './random';

/**
 * The operations of torchvision's automatic augmentation policies (`_augmentation_space`), on float images in
 * [0, 1]. `Equalize` is not implemented (a per-image histogram equalization; see the README).
 */
export type AutoAugmentOp =
  | 'identity'
  | 'shearX'
  | 'shearY'
  | 'translateX'
  | 'translateY'
  | 'rotate'
  | 'brightness'
  | 'color'
  | 'contrast'
  | 'sharpness'
  | 'posterize'
  | 'solarize'
  | 'autoContrast';

/** The ops of RandAugment and TrivialAugmentWide, in torchvision's order, without Equalize. */
export const autoAugmentOps: readonly AutoAugmentOp[] = [
  'identity', 'shearX', 'shearY', 'translateX', 'translateY', 'rotate', 'brightness', 'color', 'contrast', 'sharpness', 'posterize', 'solarize', 'autoContrast',
];

/** Ops whose magnitude is negated with probability 1/2 (torchvision's `signed`). */
export const signedOps: ReadonlySet<AutoAugmentOp> = new Set(['shearX', 'shearY', 'translateX', 'translateY', 'rotate', 'brightness', 'color', 'contrast', 'sharpness']);

/** One sample's op and its (signed) magnitude. */
export interface OpDraw {
  readonly op: AutoAugmentOp;
  readonly magnitude: number;
}

const degrees = (rad: number) => (rad * 180) / Math.PI;

function geometry({ op, magnitude: m }: OpDraw): AffineParams | null {
  switch (op) {
    case 'shearX':
      return { shear: [degrees(Math.atan(m)), 0], center: [0, 0] };
    case 'shearY':
      return { shear: [0, degrees(Math.atan(m))], center: [0, 0] };
    case 'translateX':
      return { translate: [Math.trunc(m), 0] };
    case 'translateY':
      return { translate: [0, Math.trunc(m)] };
    case 'rotate':
      return { angle: -m };
    default:
      return null;
  }
}

/**
 * Applies one op per sample, as torchvision `_apply_op` (shears about the top-left corner, integer translations,
 * rotations about the center, color blends with factor `1 + magnitude`, posterize `int(magnitude)` bits, solarize
 * at `magnitude / 255`). All geometric ops of the batch share one affine sampling call; each color op present runs
 * once on the batch and is selected per sample, so unselected samples pass through exactly.
 */
export function applyAutoAugmentOps(images: tf.Tensor4D, draws: readonly OpDraw[], interpolation: Interpolation, fill: number | readonly number[] | null): tf.Tensor4D {
  return tf.tidy(() => {
    let x = images;
    const geo = draws.map(geometry);
    if (geo.some((g) => g !== null)) x = affine(x, geo.map((g) => g ?? {}), { interpolation, fill });
    const pixelOps: [AutoAugmentOp, (x: tf.Tensor4D, m: number[]) => tf.Tensor4D][] = [
      ['brightness', (t, m) => adjustBrightness(t, m.map((v) => 1 + v))],
      ['color', (t, m) => adjustSaturation(t, m.map((v) => 1 + v))],
      ['contrast', (t, m) => adjustContrast(t, m.map((v) => 1 + v))],
      ['sharpness', (t, m) => adjustSharpness(t, m.map((v) => 1 + v))],
      ['posterize', (t, m) => posterize(t, m.map((v) => Math.trunc(v)))],
      ['solarize', (t, m) => solarize(t, m.map((v) => Math.min(1, Math.max(0, v / 255))))],
      ['autoContrast', (t) => autocontrast(t)],
    ];
    for (const [name, fn] of pixelOps) {
      const chosen = draws.map((d) => d.op === name);
      if (!chosen.some(Boolean)) continue;
      // Unchosen samples get a neutral magnitude; their result is discarded by the select anyway.
      const neutral = name === 'posterize' ? 8 : name === 'solarize' ? 255 : 0;
      x = selectSamples(chosen, fn(x, draws.map((d) => (d.op === name ? d.magnitude : neutral))), x);
    }
    return x === images ? tf.clone(images) : x;
  });
}

/** torchvision's magnitude bins of an op (`_augmentation_space`), for `numBins` bins, image `[height, width]`; `wide` = TrivialAugmentWide's space. */
export function magnitudeBins(op: AutoAugmentOp, numBins: number, height: number, width: number, wide: boolean): number[] {
  const linspace = (a: number, b: number) => Array.from({ length: numBins }, (_, i) => (numBins === 1 ? a : a + ((b - a) * i) / (numBins - 1)));
  switch (op) {
    case 'shearX':
    case 'shearY':
      return linspace(0, wide ? 0.99 : 0.3);
    case 'translateX':
      return linspace(0, wide ? 32 : (150 / 331) * width);
    case 'translateY':
      return linspace(0, wide ? 32 : (150 / 331) * height);
    case 'rotate':
      return linspace(0, wide ? 135 : 30);
    case 'brightness':
    case 'color':
    case 'contrast':
    case 'sharpness':
      return linspace(0, wide ? 0.99 : 0.9);
    case 'posterize':
      // 8 - round(i / ((numBins - 1) / k)), k = 4 (RandAugment) or 6 (wide); torch.round is half to even.
      return Array.from({ length: numBins }, (_, i) => 8 - roundHalfEven(i / ((numBins - 1) / (wide ? 6 : 4))));
    case 'solarize':
      return linspace(255, 0);
    default:
      return Array.from({ length: numBins }, () => 0);
  }
}
