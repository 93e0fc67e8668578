import { assertInteger, foldIn, permutation, prngKey, type PRNGKey } from '@nnopt/core';
import type { Batch, Dataset } from './dataset';

/** Options of {@link dataLoader}. */
export interface DataLoaderOptions {
  readonly batchSize: number;
  /** Reshuffle every epoch (default true). The order of epoch `e` is `permutation(foldIn(key, e))`. */
  readonly shuffle?: boolean;
  /** Drop the last incomplete batch (default false). */
  readonly dropLast?: boolean;
  /** Seed or key of the shuffling (default seed 0). */
  readonly seed?: number | PRNGKey;
}

/** Batches of one epoch, in order, from a given position. */
export interface DataLoader {
  readonly dataset: Dataset;
  readonly batchSize: number;
  /** Batches per epoch. */
  readonly length: number;
  /** The sample order of an epoch: a pure function of the seed and the epoch, so a resumed run sees the same order. */
  order(epoch: number): Int32Array;
  /**
   * Yields the batches of `epoch` starting at batch `start`. Each batch is gathered one step ahead (prefetch), so
   * the host work of the next batch overlaps the device work of the current one on asynchronous backends. The
   * consumer disposes each batch; batches not consumed when the loop stops early are disposed by the generator.
   */
  epoch(epoch: number, start?: number): Generator<Batch & { readonly index: number }>;
}

/** A seeded, batching, optionally shuffling loader over a {@link Dataset} (PyTorch's `DataLoader`). */
export function dataLoader(dataset: Dataset, { batchSize, shuffle = true, dropLast = false, seed = 0 }: DataLoaderOptions): DataLoader {
  assertInteger('batchSize', batchSize, 1);
  const key = typeof seed === 'number' ? prngKey(seed) : seed;
  const length = dropLast ? Math.floor(dataset.size / batchSize) : Math.ceil(dataset.size / batchSize);
  if (length === 0) throw new RangeError(`batchSize ${batchSize} with dropLast leaves no batch of a ${dataset.size}-sample dataset`);
  const order = (epoch: number) => (shuffle ? permutation(foldIn(key, epoch), dataset.size) : Int32Array.from({ length: dataset.size }, (_, i) => i));
  const gather = (ids: Int32Array, index: number) => ({ ...dataset.batch(ids.subarray(index * batchSize, (index + 1) * batchSize)), index });
  return {
    dataset,
    batchSize,
    length,
    order,
    *epoch(epoch, start = 0) {
      assertInteger('start', start);
      const ids = order(epoch);
      let next = start < length ? gather(ids, start) : undefined;
      try {
        while (next !== undefined) {
          const current = next;
          next = current.index + 1 < length ? gather(ids, current.index + 1) : undefined;
          yield current;
        }
      } finally {
        if (next !== undefined) {
          next.x.dispose();
          next.y.dispose();
        }
      }
    },
  };
}
