import { beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { expectTorchParity, prepareBackend } from '../__fixtures__/harness';
import { linear } from './linear';

describe('linear', () => {
  it('rejects bad options when called', () => {
    expect(() => linear({ inFeatures: 0, outFeatures: 2 })).toThrow(RangeError);
    expect(() => linear({ inFeatures: 2, outFeatures: 1.5 })).toThrow(/outFeatures/);
  });
  forEachBackend(() => {
    beforeAll(prepareBackend);
    it('matches torch.nn.Linear (output and gradients)', () => expectTorchParity(() => linear({ inFeatures: 5, outFeatures: 3 }), 'linear'));
    it('matches torch on rank-3 input without bias', () =>
      expectTorchParity(() => linear({ inFeatures: 6, outFeatures: 4, bias: false }), 'linear3d'));
  });
});
