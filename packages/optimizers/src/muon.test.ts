import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { describeTrajectories } from './fixture-extra';
import { muon } from './muon';

forEachBackend(() => {
  describe('muon through tf.Optimizer.applyGradients', () => {
    describeTrajectories('muon', muon);
  });
});

describe('muon options', () => {
  it('is a tf.Optimizer and rejects bad options with a RangeError naming the option', () => {
    expect(muon({ learningRate: 0.1 }) instanceof tf.Optimizer).toBe(true);
    expect(() => muon({ beta: 1 })).toThrow(/beta/);
    expect(() => muon({ nsSteps: 0 })).toThrow(/nsSteps/);
    expect(() => muon({ adamBeta2: -1 })).toThrow(/beta2/);
  });
});
