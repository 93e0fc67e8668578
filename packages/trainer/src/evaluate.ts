import * as tf from '@tensorflow/tfjs-core';
import type { Logs, TrainableModel } from '@nnopt/core';
import type { DataLoader } from './data/loader';
import { sparseSoftmaxCrossEntropy, type LossFn } from './losses';
import type { Metric } from './metrics/metric';

/**
 * Runs the model in evaluation mode (`training: false`) over one pass of `loader` and returns each metric's value,
 * prefixed (`val_loss`, `val_acc`). Metrics are reset first; one device read per metric at the end.
 */
export function evaluate(
  model: TrainableModel,
  loader: DataLoader,
  { metrics, loss = sparseSoftmaxCrossEntropy, prefix = 'val_' }: { metrics: readonly Metric[]; loss?: LossFn; prefix?: string },
): Logs {
  for (const metric of metrics) metric.reset();
  for (const batch of loader.epoch(0)) {
    tf.tidy(() => {
      const outputs = model.forward(batch.x, { training: false });
      const l = loss(outputs, batch.y);
      for (const metric of metrics) metric.update(outputs, batch.y, l);
    });
    tf.dispose([batch.x, batch.y]);
  }
  return Object.fromEntries(metrics.map((m) => [prefix + m.name, m.result()]));
}
