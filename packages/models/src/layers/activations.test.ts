import { beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { expectTorchParity, prepareBackend } from '../__fixtures__/harness';
import type { Module } from '../module';
import { activationByName, elu, gelu, leakyRelu, mish, relu, selu, sigmoid, silu, softmax, tanh } from './activations';

// The torch modules of each case are in tools/fixtures/models.py (`acts`).
const cases: Record<string, () => Module> = {
  relu,
  leaky_relu: () => leakyRelu({ negativeSlope: 0.2 }),
  elu: () => elu(),
  elu_alpha: () => elu({ alpha: 0.5 }),
  selu,
  gelu: () => gelu(),
  gelu_tanh: () => gelu({ approximate: 'tanh' }),
  silu,
  mish,
  sigmoid,
  tanh,
  softmax: () => softmax(),
  softmax_dim0: () => softmax({ dim: 0 }),
};

describe('activations', () => {
  it('reject bad options when called', () => {
    expect(() => gelu({ approximate: 'fast' as 'tanh' })).toThrow(/approximate/);
    expect(() => elu({ alpha: -1 })).toThrow(RangeError);
    expect(() => activationByName('swish' as 'relu')).toThrow(/activation/);
  });
  forEachBackend(() => {
    beforeAll(prepareBackend);
    for (const [name, make] of Object.entries(cases)) {
      it(`${name} matches torch (output and input gradient)`, () => expectTorchParity(make, `act_${name}`));
    }
  });
});
