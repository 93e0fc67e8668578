import * as tf from '@tensorflow/tfjs-core';
import sliceUrl from './data/fashion-mnist-slice.bin?url';

/** Fashion-MNIST class names, by label. */
export const classNames = ['T-shirt', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Boot'];

/** The bundled slice in host memory: images as u8 [n, 784], labels as u8 [n]. */
export interface Split {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly size: number;
}

/** The bundled slice: a class-balanced 2000-image train split and 500-image test split. */
export interface Dataset {
  readonly train: Split;
  readonly test: Split;
}

const pixels = 28 * 28;

/**
 * Loads the slice bundled with the app (written by tools/fixtures/playground-fashion-mnist.py): a gzip file the
 * build copies beside the page, decompressed in the browser with `DecompressionStream`, so the app works offline.
 */
export async function loadDataset(url: string = sliceUrl): Promise<Dataset> {
  const response = await fetch(url);
  if (!response.ok || response.body == null) throw new Error(`loading ${url} failed: HTTP ${response.status}`);
  const bytes = new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  return parseDataset(bytes);
}

/** Splits the decompressed payload: u32 nTrain, u32 nTest, then images and labels of each split. */
export function parseDataset(bytes: Uint8Array): Dataset {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nTrain = view.getUint32(0, true);
  const nTest = view.getUint32(4, true);
  const expected = 8 + (nTrain + nTest) * (pixels + 1);
  if (bytes.byteLength !== expected) throw new Error(`dataset has ${bytes.byteLength} bytes, expected ${expected}`);
  let offset = 8;
  const take = (n: number) => bytes.subarray(offset, (offset += n));
  const train = { images: take(nTrain * pixels), labels: take(nTrain), size: nTrain };
  const test = { images: take(nTest * pixels), labels: take(nTest), size: nTest };
  return { train, test };
}

/** A batch as tensors: x float32 [n, 28, 28, 1] in [0, 1], y one-hot float32 [n, 10]. */
export function batchTensors(split: Split, indices: ArrayLike<number>): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const n = indices.length;
  const xs = new Float32Array(n * pixels);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = indices[i]!;
    for (let p = 0; p < pixels; p++) xs[i * pixels + p] = split.images[j * pixels + p]! / 255;
    ys[i] = split.labels[j]!;
  }
  return tf.tidy(() => ({
    x: tf.tensor4d(xs, [n, 28, 28, 1]),
    y: tf.cast(tf.oneHot(tf.tensor1d(ys, 'int32'), 10), 'float32') as tf.Tensor2D,
  }));
}
