import * as tf from '@tensorflow/tfjs-core';
import type { CropBox } from './crop';
import { check, checkImages } from './validate';

/**
 * Overwrites a box of each image (`boxes[n]`, or `null` to leave sample `n` alone) with `value`: a number, one
 * value per channel, or a `[N, H, W, C]` tensor to copy from (e.g. noise), as torchvision `F.erase`. The box mask is
 * built from per-sample row and column masks (O(N (H + W)) host numbers) and applied with one select.
 */
export function erase(images: tf.Tensor4D, boxes: readonly (CropBox | null)[], value: number | readonly number[] | tf.Tensor4D = 0): tf.Tensor4D {
  checkImages('erase', images);
  const [n, h, w, c] = images.shape;
  check(Array.isArray(boxes) && boxes.length === n, 'erase', 'boxes', `${boxes?.length} boxes`, `one box (or null) per sample (${n})`);
  if (Array.isArray(value)) check(value.length === c && value.every(Number.isFinite), 'erase', 'value', value, `one number per channel (${c})`);
  if (value instanceof tf.Tensor) check(value.shape.join() === images.shape.join(), 'erase', 'value', `shape [${value.shape.join(', ')}]`, `the images' shape [${images.shape.join(', ')}]`);
  const rows = new Uint8Array(n * h);
  const cols = new Uint8Array(n * w);
  boxes.forEach((b, i) => {
    if (!b) return;
    for (let y = Math.max(0, b.top); y < Math.min(h, b.top + b.height); y++) rows[i * h + y] = 1;
    for (let x = Math.max(0, b.left); x < Math.min(w, b.left + b.width); x++) cols[i * w + x] = 1;
  });
  return tf.tidy(() => {
    const mask = tf.logicalAnd(tf.tensor4d(rows, [n, h, 1, 1], 'bool'), tf.tensor4d(cols, [n, 1, w, 1], 'bool'));
    const fill = value instanceof tf.Tensor ? value : tf.broadcastTo(typeof value === 'number' ? tf.scalar(value) : tf.tensor1d([...value]), images.shape);
    return tf.where(tf.broadcastTo(mask, images.shape), fill, images) as tf.Tensor4D;
  });
}
