import { describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { clipByValue } from './clip-by-value';
import { describeClippingCases } from './fixture-extra';

forEachBackend(() => {
  describe('clipByValue (torch.nn.utils.clip_grad_value_)', () => {
    describeClippingCases('value', (c) => clipByValue({ clipValue: c.clipValue! }));
  });
});

describe('clipByValue options', () => {
  it('rejects a negative clipValue when the factory is called', () => {
    expect(() => clipByValue({ clipValue: -0.5 })).toThrow(RangeError);
    expect(() => clipByValue({ clipValue: -0.5 })).toThrow(/clipValue/);
  });
});
