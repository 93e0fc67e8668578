import { centerCropBox, crop } from './crop';
import type { ImageTransform } from './types';
import { checkImages, toSize } from './validate';

/**
 * `centerCrop(size)`: crops the central `size` window (zero-padded when larger than the image), as torchvision
 * `CenterCrop`; deterministic, the same in training and evaluation. `size`: a number (square) or `[height, width]`.
 */
export function centerCrop(size: number | readonly [number, number]): ImageTransform {
  const hw = toSize('centerCrop', 'size', size);
  return {
    name: 'centerCrop',
    apply(images) {
      checkImages('centerCrop', images);
      return crop(images, centerCropBox(images.shape[1], images.shape[2], hw));
    },
  };
}
