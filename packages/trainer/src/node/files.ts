import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CheckpointStore } from '@nnopt/trainer';
import type { BinarySink, TextSink } from '@nnopt/trainer';

/**
 * Writes `bytes` to `path` atomically: a temporary file beside it is written, flushed to disk and renamed over the
 * target, so a crash or a full disk leaves the previous file intact. A failed write removes the temporary file and
 * throws naming the path.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`could not write ${path}: ${(error as Error).message}`);
  }
}

/** A {@link CheckpointStore} in a directory: `name` is stored atomically as `<dir>/<name>.safetensors`. */
export function directoryStore(dir: string): CheckpointStore {
  const pathOf = (name: string) => join(dir, `${name}.safetensors`);
  return {
    write: (name, bytes) => writeFileAtomic(pathOf(name), bytes),
    async read(name) {
      try {
        return new Uint8Array(await readFile(pathOf(name)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new Error(`could not read ${pathOf(name)}: ${(error as Error).message}`);
      }
    },
  };
}

/** Appends text to a file (created with its directory), e.g. for `jsonlLogger` and `csvLogger`. */
export function fileSink(path: string): TextSink & BinarySink {
  let ready: Promise<unknown> = mkdir(dirname(path), { recursive: true });
  const append = (data: string | Uint8Array) => {
    ready = ready.then(async () => {
      const handle = await open(path, 'a');
      try {
        await handle.appendFile(data);
      } finally {
        await handle.close();
      }
    });
    return ready.then(() => undefined);
  };
  return { write: append, append };
}

/**
 * A TensorBoard event file in `logDir`, named as TensorFlow names them
 * (`events.out.tfevents.<seconds>.<host>`), so `tensorboard --logdir <logDir>` finds it.
 */
export function eventFileSink(logDir: string, host = 'nnopt'): BinarySink & { readonly path: string } {
  const path = join(logDir, `events.out.tfevents.${Math.floor(Date.now() / 1000)}.${host}`);
  return { path, ...fileSink(path) };
}
