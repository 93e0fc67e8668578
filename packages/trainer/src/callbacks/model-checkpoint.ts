import type { Callback, Logs } from '@nnopt/core';
import type { FitContext } from '../fit';

/**
 * Where checkpoints live. `write` must be atomic: a reader sees the previous bytes or the new ones, never a
 * partial file (`directoryStore` in `@nnopt/trainer/node` writes a temporary file, syncs it and renames it).
 */
export interface CheckpointStore {
  write(name: string, bytes: Uint8Array): Promise<void>;
  read(name: string): Promise<Uint8Array | null>;
}

/** Options of {@link modelCheckpoint}. */
export interface ModelCheckpointOptions {
  readonly store: CheckpointStore;
  /** Also checkpoint `last` every this many optimizer steps, mid-epoch (default: at epoch ends only). */
  readonly everySteps?: number;
  /** Metric deciding `best` (default `val_loss`, falling back to `loss` when there is no validation). */
  readonly monitor?: string;
  /** Whether lower (`min`, default) or higher (`max`) is better. */
  readonly mode?: 'min' | 'max';
}

/**
 * Saves the complete training state (`FitContext.snapshot()`) as `last` at each epoch end (and every `everySteps`
 * steps), and as `best` whenever the monitored metric improves. `fit({ resume: await store.read('last') })`
 * continues the run exactly. Its own state (the best value so far) is checkpointed too.
 */
export function modelCheckpoint({ store, everySteps, monitor = 'val_loss', mode = 'min' }: ModelCheckpointOptions): Callback {
  if (everySteps !== undefined && !(Number.isInteger(everySteps) && everySteps >= 1)) {
    throw new RangeError(`everySteps must be an integer >= 1, got ${everySteps}`);
  }
  let best = mode === 'min' ? Infinity : -Infinity;
  let savedAt = -1;
  const pick = (logs: Logs) => logs[monitor] ?? (monitor.startsWith('val_') ? logs[monitor.slice(4)] : undefined);
  return {
    name: 'modelCheckpoint',
    async onBatchEnd(context) {
      const ctx = context as FitContext;
      // Only on the batch that completed the step: with gradient accumulation the next micro-batches keep the same
      // step count while gradients wait in the accumulator, which a snapshot does not hold.
      if (everySteps !== undefined && ctx.step > savedAt && ctx.step % everySteps === 0 && ctx.batch < ctx.batchesPerEpoch) {
        savedAt = ctx.step;
        await store.write('last', await ctx.snapshot());
      }
    },
    async onEpochEnd(context, logs) {
      const ctx = context as FitContext;
      const value = pick(logs);
      const improved = value !== undefined && (mode === 'min' ? value < best : value > best);
      if (improved) best = value;
      const bytes = await ctx.snapshot();
      await store.write('last', bytes);
      if (improved) await store.write('best', bytes);
    },
    stateDict: () => ({ best }),
    loadStateDict: (state) => void (best = state.best as number),
  };
}
