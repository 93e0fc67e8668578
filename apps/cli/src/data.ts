import { subset, type Dataset } from '@nnopt/trainer';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEBIAN_FASHION_MNIST, downloadFashionMnist, loadMnistFormat } from '@nnopt/trainer/node';
import type { Recipe } from './recipe';

/**
 * Training, validation (held out from the end of the training set) and test sets of a recipe. `data.limit` keeps
 * the first samples of the training set only: the test set is always complete, so accuracies stay comparable.
 */
export async function loadData({ data }: Recipe): Promise<{ train: Dataset; validation?: Dataset; test: Dataset }> {
  const { train, test } = await loadMnistFormat(data.dir ?? (await defaultFashionMnist()));
  const count = Math.min(train.size - data.validation, data.limit ?? Infinity);
  if (count < 1) throw new Error(`data.validation ${data.validation} leaves no training samples of ${train.size}`);
  const range = (from: number, n: number) => Int32Array.from({ length: n }, (_, i) => from + i);
  return {
    train: subset(train, range(0, count)),
    validation: data.validation > 0 ? subset(train, range(train.size - data.validation, data.validation)) : undefined,
    test,
  };
}

/**
 * Fashion-MNIST when no directory is given: Debian's `dataset-fashion-mnist` when installed, else the official
 * files downloaded (checksums verified) into `~/.cache/nnopt/fashion-mnist`.
 */
async function defaultFashionMnist(): Promise<string> {
  if (existsSync(DEBIAN_FASHION_MNIST)) return DEBIAN_FASHION_MNIST;
  const cache = join(homedir(), '.cache', 'nnopt', 'fashion-mnist');
  try {
    return await downloadFashionMnist(cache);
  } catch (error) {
    throw new Error(
      `Fashion-MNIST is not available: install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist), ` +
        `pass --data DIR with the four IDX files, or allow the download (${(error as Error).message})`,
    );
  }
}

