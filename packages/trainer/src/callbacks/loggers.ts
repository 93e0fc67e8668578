import type { Callback, Logs } from '@nnopt/core';
import type { TextSink } from './sink';

const format = (logs: Logs) =>
  Object.entries(logs)
    .map(([k, v]) => `${k} ${Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(3)}`)
    .join('  ');

/** Prints one line per epoch: `epoch 3/10  loss 0.4123  acc 0.8520  val_loss ...`. */
export function consoleLogger(sink: TextSink = { write: (t) => console.log(t.trimEnd()) }): Callback {
  let epochs = 0;
  return {
    onTrainBegin(ctx) {
      epochs = (ctx as { epochs?: number }).epochs ?? 0;
    },
    onEpochEnd: (ctx, logs) => sink.write(`epoch ${ctx.epoch + 1}${epochs ? `/${epochs}` : ''}  ${format(logs)}\n`),
  };
}

/** Appends one JSON object per epoch (`{"epoch":0,"step":469,"loss":...}`) to the sink: JSON Lines. */
export function jsonlLogger(sink: TextSink): Callback {
  return { onEpochEnd: (ctx, logs) => sink.write(`${JSON.stringify({ epoch: ctx.epoch, step: ctx.step, ...logs })}\n`) };
}

/** Writes a CSV with a header from the first epoch's keys (`epoch,step,loss,acc,...`), one row per epoch. */
export function csvLogger(sink: TextSink): Callback {
  let columns: string[] | null = null;
  return {
    async onEpochEnd(ctx, logs) {
      const row = { epoch: ctx.epoch, step: ctx.step, ...logs };
      if (columns === null) {
        columns = Object.keys(row);
        await sink.write(`${columns.join(',')}\n`);
      }
      await sink.write(`${columns.map((c) => (row as Logs)[c] ?? '').join(',')}\n`);
    },
  };
}
