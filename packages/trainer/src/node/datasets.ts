import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { arrayDataset, parseIdx, type Dataset } from '@nnopt/trainer';

/** Reads an IDX file, plain or gzip-compressed. Errors name the file. */
export async function readIdxFile(path: string) {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseIdx(bytes, path);
}

/** Where Debian's `dataset-fashion-mnist` package installs the files. */
export const DEBIAN_FASHION_MNIST = '/usr/share/datasets/fashion-mnist';

const exists = (path: string) => access(path).then(() => true, () => false);

async function findFile(dir: string, stem: string): Promise<string> {
  for (const name of [`${stem}.gz`, stem]) if (await exists(join(dir, name))) return join(dir, name);
  throw new Error(
    `${stem}(.gz) not found in ${dir}: install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist) ` +
      `or pass a directory holding the four IDX files of MNIST or Fashion-MNIST`,
  );
}

/**
 * Loads an MNIST-format dataset (MNIST, Fashion-MNIST) from `dir` (default: Debian's Fashion-MNIST): the
 * `train-*` and `t10k-*` IDX files, plain or gzip. Images become [28, 28, 1] samples scaled to [0, 1].
 */
export async function loadMnistFormat(dir: string = DEBIAN_FASHION_MNIST): Promise<{ train: Dataset; test: Dataset }> {
  const load = async (prefix: string) => {
    const images = await readIdxFile(await findFile(dir, `${prefix}-images-idx3-ubyte`));
    const labels = await readIdxFile(await findFile(dir, `${prefix}-labels-idx1-ubyte`));
    const [count, height, width] = images.shape;
    if (images.shape.length !== 3 || labels.shape.length !== 1 || labels.shape[0] !== count) {
      throw new Error(`${dir}: ${prefix} images [${images.shape.join(', ')}] and labels [${labels.shape.join(', ')}] do not match`);
    }
    return arrayDataset({ x: images.data as Uint8Array, y: labels.data, sampleShape: [height!, width!, 1], numClasses: 10 });
  };
  return { train: await load('train'), test: await load('t10k') };
}
