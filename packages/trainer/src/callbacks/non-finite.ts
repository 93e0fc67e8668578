import type { Callback } from '@nnopt/core';

/**
 * Stops training when a logged batch loss is NaN or infinite (Keras' `TerminateOnNaN`). The fit loop logs the loss
 * every `logEvery` batches; to skip bad steps instead of stopping, give the optimizer `applyIfFinite`.
 */
export function terminateOnNaN(): Callback {
  return {
    onBatchEnd(ctx, logs) {
      if (logs.loss !== undefined && !Number.isFinite(logs.loss)) {
        ctx.stopTraining(`non-finite loss ${logs.loss} at epoch ${ctx.epoch}, batch ${ctx.batch}`);
      }
    },
  };
}
