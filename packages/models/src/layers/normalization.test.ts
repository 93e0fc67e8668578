import { beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '@nnopt/core/testing';
import { expectTorchParity, prepareBackend } from '../__fixtures__/harness';
import { batchNorm1d, batchNorm2d } from './batch-norm';
import { groupNorm } from './group-norm';
import { layerNorm } from './layer-norm';

describe('normalization layers', () => {
  it('reject bad options when called', () => {
    expect(() => batchNorm2d({ numFeatures: 3, momentum: 2 })).toThrow(/momentum/);
    expect(() => groupNorm({ numGroups: 4, numChannels: 6 })).toThrow(/numGroups/);
    expect(() => layerNorm({ normalizedShape: [0] })).toThrow(RangeError);
  });
  forEachBackend(() => {
    beforeAll(prepareBackend);
    // Training forward: batch statistics, gradients through them, running buffers after the step and eval output.
    it('batchNorm2d matches torch.nn.BatchNorm2d (train step, running stats, eval)', () =>
      expectTorchParity(() => batchNorm2d({ numFeatures: 3 }), 'batchnorm2d'));
    it('batchNorm1d matches torch.nn.BatchNorm1d', () => expectTorchParity(() => batchNorm1d({ numFeatures: 4 }), 'batchnorm1d'));
    it('batchNorm2d without affine parameters matches torch (affine=False)', () =>
      expectTorchParity(() => batchNorm2d({ numFeatures: 3, affine: false }), 'batchnorm2d_noaffine'));
    it('batchNorm1d without running statistics matches torch (track_running_stats=False)', () =>
      expectTorchParity(() => batchNorm1d({ numFeatures: 4, trackRunningStats: false }), 'batchnorm1d_batchstats'));
    it('layerNorm matches torch.nn.LayerNorm', () => expectTorchParity(() => layerNorm({ normalizedShape: 6 }), 'layernorm'));
    it('groupNorm matches torch.nn.GroupNorm on NHWC', () => expectTorchParity(() => groupNorm({ numGroups: 2, numChannels: 6 }), 'groupnorm'));
  });
});
