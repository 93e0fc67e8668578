import { beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { expectTorchParity, prepareBackend } from '../__fixtures__/harness';
import type { Module } from '../module';
import { adaptiveAvgPool2d, avgPool2d, maxPool2d } from './pooling';

const cases: Record<string, () => Module> = {
  maxpool: () => maxPool2d({ kernelSize: 3, stride: 2, padding: 1 }),
  maxpool2: () => maxPool2d({ kernelSize: 2 }),
  avgpool_pad: () => avgPool2d({ kernelSize: 3, stride: 2, padding: 1 }),
  avgpool_nopadcount: () => avgPool2d({ kernelSize: 3, stride: 2, padding: 1, countIncludePad: false }),
  adaptive3: () => adaptiveAvgPool2d({ outputSize: 3 }),
  adaptive1: () => adaptiveAvgPool2d({ outputSize: 1 }),
};

describe('pooling', () => {
  it('rejects bad options when called', () => {
    expect(() => maxPool2d({ kernelSize: 2, padding: 2 })).toThrow(/padding/);
    expect(() => adaptiveAvgPool2d({ outputSize: 0 })).toThrow(RangeError);
  });
  forEachBackend(() => {
    beforeAll(prepareBackend);
    for (const [name, make] of Object.entries(cases)) {
      it(`${name} matches torch (output and input gradient)`, () => expectTorchParity(make, `pool_${name}`));
    }
  });
});
