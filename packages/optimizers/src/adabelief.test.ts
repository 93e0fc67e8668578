import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { describeTrajectories } from './fixture-extra';
import { adabelief } from './adabelief';

forEachBackend(() => {
  describe('adabelief through tf.Optimizer.applyGradients', () => {
    describeTrajectories('adabelief', adabelief);
  });
});

describe('adabelief options', () => {
  it('is a tf.Optimizer and rejects bad options with a RangeError naming the option', () => {
    expect(adabelief({ learningRate: 0.1 }) instanceof tf.Optimizer).toBe(true);
    expect(() => adabelief({ epsilon: -1 })).toThrow(/epsilon/);
    expect(() => adabelief({ beta1: -0.1 })).toThrow(/beta1/);
    expect(() => adabelief({ weightDecay: -1 })).toThrow(/weightDecay/);
  });
});
