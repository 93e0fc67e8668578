import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { clipByBlockRms } from './clip-by-block-rms';
import { expectTransformContract, updatesOnce } from './transform-contract';

forEachBackend(() => {
  describe('clipByBlockRms', () => {
    it('divides by max(1, RMS / threshold) per tensor (hand-derived)', async () => {
      await expectNoLeaks(() => {
        // big: RMS(3, 4) = sqrt(12.5) = 3.5355 -> (3, 4) / 3.5355 = (0.848528, 1.131371); small: RMS 0.5 < 1, unchanged.
        const grads = { big: tf.tensor([3, 4]), small: tf.tensor([0.5, -0.5]) };
        const out = updatesOnce(clipByBlockRms(), grads);
        expectClose(out.big!, [0.848528, 1.131371], { rtol: 1e-5 }, 'big');
        expectClose(out.small!, [0.5, -0.5], {}, 'small');
        // threshold 0.25: small has RMS 0.5 -> divided by 2.
        expectClose(updatesOnce(clipByBlockRms({ threshold: 0.25 }), grads).small!, [0.25, -0.25], { rtol: 1e-6 });
        tf.dispose(Object.values(grads));
      });
    });

    it('keeps memory flat', async () => {
      await expectTransformContract(clipByBlockRms({ threshold: 0.1 }));
    });
  });
});

describe('clipByBlockRms options', () => {
  it('rejects a non-positive threshold', () => {
    expect(() => clipByBlockRms({ threshold: 0 })).toThrow(/threshold/);
  });
});
