import type { Callback } from '@nnopt/core';
import type { FitContext } from '../fit';
import type { TextSink } from './sink';

/** Options of {@link progressBar}. */
export interface ProgressBarOptions {
  /** Default: standard output where there is one, else the console. */
  readonly sink?: TextSink;
  /** Redraw one line in place (a terminal) or print plain lines. Default: whether standard output is a TTY. */
  readonly tty?: boolean;
  /** Plain-line mode prints every this many batches (default 50). */
  readonly every?: number;
  /** Clock in milliseconds (tests inject one). */
  readonly now?: () => number;
}

interface Stdout {
  isTTY?: boolean;
  write(text: string): unknown;
}

const stdout = (): Stdout | undefined => (globalThis as { process?: { stdout?: Stdout } }).process?.stdout;

const duration = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * A terminal progress bar per epoch with the batch count, samples per second, ETA and the latest loss:
 * `epoch 2/10 [=========>          ] 230/469  1520 samples/s  ETA 0:09  loss 0.3121`. Without a TTY it prints plain
 * lines every `every` batches and a summary line per epoch.
 */
export function progressBar({ sink, tty, every = 50, now = () => performance.now() }: ProgressBarOptions = {}): Callback {
  const out = sink ?? { write: (t: string) => void (stdout()?.write(t) ?? console.log(t.trimEnd())) };
  const inPlace = tty ?? stdout()?.isTTY === true;
  let started = 0;
  let samples = 0;
  let loss = NaN;
  return {
    onEpochBegin() {
      started = now();
      samples = 0;
    },
    async onBatchEnd(context, logs) {
      const ctx = context as FitContext;
      samples += logs.size ?? 0;
      if (logs.loss !== undefined) loss = logs.loss;
      const done = ctx.batch;
      const total = ctx.batchesPerEpoch;
      if (!inPlace && done % every !== 0 && done !== total) return;
      const seconds = (now() - started) / 1000;
      const rate = seconds > 0 ? samples / seconds : 0;
      const eta = done > 0 ? (seconds / done) * (total - done) : NaN;
      const width = 20;
      const filled = Math.round((width * done) / total);
      const bar = `[${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(width - filled)}]`;
      const line = `epoch ${ctx.epoch + 1}/${ctx.epochs} ${bar} ${done}/${total}  ${rate.toFixed(0)} samples/s  ETA ${duration(eta)}  loss ${loss.toFixed(4)}`;
      await out.write(inPlace ? `\r${line}` : `${line}\n`);
    },
    async onEpochEnd() {
      if (inPlace) await out.write('\n');
    },
  };
}
