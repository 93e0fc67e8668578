import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { describeTrajectories } from './fixture-extra';
import { lion } from './lion';

forEachBackend(() => {
  describe('lion through tf.Optimizer.applyGradients', () => {
    describeTrajectories('lion', lion);
  });
});

describe('lion options', () => {
  it('is a tf.Optimizer and rejects bad options with a RangeError naming the option', () => {
    expect(lion({ learningRate: 0.1 }) instanceof tf.Optimizer).toBe(true);
    expect(() => lion({ learningRate: -1 })).toThrow(/learningRate/);
    expect(() => lion({ beta1: 1 })).toThrow(/beta1/);
    expect(() => lion({ weightDecay: -0.1 })).toThrow(/weightDecay/);
  });
});
