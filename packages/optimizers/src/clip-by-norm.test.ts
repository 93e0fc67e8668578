import { describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { clipByNorm } from './clip-by-norm';
import { describeClippingCases } from './fixture-extra';

forEachBackend(() => {
  describe('clipByNorm (clip_grad_norm_ per tensor)', () => {
    describeClippingCases('perTensor', (c, normType) => clipByNorm({ maxNorm: c.maxNorm!, normType }));
  });
});

describe('clipByNorm options', () => {
  it('rejects bad options when the factory is called', () => {
    expect(() => clipByNorm({ maxNorm: Number.NaN })).toThrow(/maxNorm/);
    expect(() => clipByNorm({ maxNorm: 1, normType: -2 })).toThrow(/normType/);
  });
});
