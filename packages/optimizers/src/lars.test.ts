import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { describeTrajectories } from './fixture-extra';
import { lars } from './lars';

forEachBackend(() => {
  describe('lars through tf.Optimizer.applyGradients', () => {
    describeTrajectories('lars', lars);
  });
});

describe('lars options', () => {
  it('is a tf.Optimizer and rejects bad options with a RangeError naming the option', () => {
    expect(lars({ learningRate: 0.1 }) instanceof tf.Optimizer).toBe(true);
    expect(() => lars({} as never)).toThrow(/learningRate/);
    expect(() => lars({ learningRate: 0.1, momentum: 0, nesterov: true })).toThrow(/nesterov/);
    expect(() => lars({ learningRate: 0.1, trustCoefficient: 0 })).toThrow(/trustCoefficient/);
  });
});
