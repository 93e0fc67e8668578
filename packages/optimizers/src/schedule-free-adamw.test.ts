import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { describeTrajectories } from './fixture-extra';
import { scheduleFreeAdamw } from './schedule-free-adamw';

forEachBackend(() => {
  describe('scheduleFreeAdamw through tf.Optimizer.applyGradients', () => {
    describeTrajectories('scheduleFreeAdamw', scheduleFreeAdamw);
  });
});

describe('scheduleFreeAdamw options', () => {
  it('is a tf.Optimizer and rejects bad options with a RangeError naming the option', () => {
    expect(scheduleFreeAdamw({ learningRate: 0.1 }) instanceof tf.Optimizer).toBe(true);
    expect(() => scheduleFreeAdamw({ beta1: 0 })).toThrow(/beta1/);
    expect(() => scheduleFreeAdamw({ warmupSteps: -1 })).toThrow(/warmupSteps/);
    expect(() => scheduleFreeAdamw({ learningRate: -1 })).toThrow(/learningRate/);
  });
});
