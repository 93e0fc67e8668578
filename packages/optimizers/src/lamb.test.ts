import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { describeTrajectories } from './fixture-extra';
import { lamb } from './lamb';

forEachBackend(() => {
  describe('lamb through tf.Optimizer.applyGradients', () => {
    describeTrajectories('lamb', lamb);
  });
});

describe('lamb options', () => {
  it('is a tf.Optimizer and rejects bad options with a RangeError naming the option', () => {
    expect(lamb({ learningRate: 0.1 }) instanceof tf.Optimizer).toBe(true);
    expect(() => lamb({ epsilon: 0 })).toThrow(/epsilon/);
    expect(() => lamb({ beta2: 1.5 })).toThrow(/beta2/);
    expect(() => lamb({ learningRate: -1e-3 })).toThrow(/learningRate/);
  });
});
