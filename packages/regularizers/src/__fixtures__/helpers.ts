// Test-only helpers: fixture decoding and a minimal TrainingContext. Not exported by the package.
import * as tf from '@tensorflow/tfjs-core';
import type { TensorMap, TrainingContext } from '@nnopt/core';

/** A tensor as the fixture generator (tools/fixtures/regularizers.py) writes it. */
export interface FixtureTensor {
  shape: number[];
  values: number[];
}

export function fromFixture(t: FixtureTensor): tf.Tensor {
  return tf.tensor(t.values, t.shape, 'float32');
}

/** A TrainingContext over `variables` whose epoch/batch/step the test sets; `stopped` records stopTraining. */
export function fakeContext(variables: TensorMap<tf.Variable>) {
  const ctx = {
    epoch: 0,
    batch: 0,
    step: 0,
    stopped: undefined as string | undefined,
    variables: () => variables,
    stopTraining(reason: string) {
      ctx.stopped = reason;
    },
  };
  return ctx satisfies TrainingContext;
}
