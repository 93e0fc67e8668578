import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { prepareBackend } from './__fixtures__/harness';
import { randomBatch, trainSteps } from './__fixtures__/train';
import { fromLayersModel } from './layers-model-adapter';

describe('fromLayersModel', () => {
  forEachBackend(() => {
    beforeAll(prepareBackend);
    it('trains a tfjs-layers model with nnopt code: names from the layers, falling loss, flat memory', async () => {
      const model = tfl.sequential({
        layers: [
          tfl.layers.dense({ inputShape: [6], units: 8, activation: 'relu', name: 'hidden' }),
          tfl.layers.batchNormalization({ name: 'bn' }),
          tfl.layers.dense({ units: 3, name: 'out' }),
        ],
      });
      const wrapped = fromLayersModel(model);
      expect(Object.keys(wrapped.namedParameters())).toEqual(['hidden.kernel', 'hidden.bias', 'bn.gamma', 'bn.beta', 'out.kernel', 'out.bias']);
      expect(Object.keys(wrapped.namedBuffers())).toEqual(['bn.moving_mean', 'bn.moving_variance']);
      const { x, y } = randomBatch([8, 6], 3);
      const losses = await trainSteps(wrapped, x, y, { learningRate: 0.1 });
      expect(losses[losses.length - 1]!).toBeLessThan(losses[0]!);
      tf.dispose([x, y]);
      model.dispose();
    });
  });
});
