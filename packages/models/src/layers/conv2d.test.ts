import { beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { expectTorchParity, prepareBackend } from '../__fixtures__/harness';
import { conv2d, type Conv2dOptions } from './conv2d';

// Each case mirrors the nn.Conv2d arguments in tools/fixtures/models.py.
const cases: Record<string, Conv2dOptions> = {
  conv_basic: { inChannels: 3, outChannels: 4, kernelSize: 3, padding: 1 },
  conv_stride: { inChannels: 3, outChannels: 5, kernelSize: 3, stride: 2, padding: 1 },
  conv_rect: { inChannels: 2, outChannels: 3, kernelSize: [3, 2], stride: [2, 1], padding: [1, 0] },
  conv_same_dilated: { inChannels: 3, outChannels: 4, kernelSize: 3, padding: 'same', dilation: 2 },
  conv_groups: { inChannels: 4, outChannels: 6, kernelSize: 3, padding: 1, groups: 2 },
  conv_depthwise: { inChannels: 4, outChannels: 8, kernelSize: 3, stride: 2, padding: 1, groups: 4 },
  conv_1x1_nobias: { inChannels: 3, outChannels: 2, kernelSize: 1, bias: false },
};

describe('conv2d', () => {
  it('rejects bad options when called, naming them', () => {
    expect(() => conv2d({ inChannels: 4, outChannels: 6, kernelSize: 3, groups: 3 })).toThrow(/groups/);
    expect(() => conv2d({ inChannels: 3, outChannels: 4, kernelSize: 0 })).toThrow(RangeError);
    expect(() => conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, stride: 2, padding: 'same' })).toThrow(/padding/);
    expect(() => conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, stride: 2, dilation: 2 })).toThrow(/dilation/);
  });
  forEachBackend(() => {
    beforeAll(prepareBackend);
    for (const [name, options] of Object.entries(cases)) {
      it(`${name} matches torch.nn.Conv2d (output, input and weight gradients)`, () => expectTorchParity(() => conv2d(options), name));
    }
  });
});
