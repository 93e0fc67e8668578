import * as tf from '@tensorflow/tfjs-core';
import type { Metric } from './metric';
import { RunningSum } from './running-sum';

/** The sample-weighted mean of batch losses: `sum_b loss_b * n_b / sum_b n_b`. Named `loss`. */
export function meanLoss(name = 'loss'): Metric {
  const sum = new RunningSum();
  return {
    name,
    update(_logits, labels, loss) {
      const n = labels.shape[0]!;
      const weighted = tf.mul(loss, n) as tf.Scalar;
      sum.add(weighted, n);
      weighted.dispose();
    },
    result: () => (sum.count === 0 ? NaN : sum.value() / sum.count),
    reset: () => sum.reset(),
    stateDict: () => ({ total: sum.value(), count: sum.count }),
    loadStateDict: (s) => sum.set(s.total ?? 0, s.count ?? 0),
  };
}
