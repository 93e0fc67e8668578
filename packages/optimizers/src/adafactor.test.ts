import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { describeTrajectories } from './fixture-extra';
import { adafactor } from './adafactor';

forEachBackend(() => {
  describe('adafactor through tf.Optimizer.applyGradients', () => {
    describeTrajectories('adafactor', adafactor);
  });
});

describe('adafactor options', () => {
  it('is a tf.Optimizer and rejects bad options with a RangeError naming the option', () => {
    expect(adafactor({ learningRate: 0.1 }) instanceof tf.Optimizer).toBe(true);
    expect(() => adafactor({ decayRate: 0 })).toThrow(/decayRate/);
    expect(() => adafactor({ clippingThreshold: -1 })).toThrow(/clippingThreshold/);
    expect(() => adafactor({ minDimSizeToFactor: 0 })).toThrow(/minDimSizeToFactor/);
    expect(() => adafactor({ momentum: 1 })).toThrow(/momentum/);
  });
});
