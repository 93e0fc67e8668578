import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { allParams, isDecayable } from './param-filter';

forEachBackend(() => {
  describe('isDecayable', () => {
    it('keeps weight matrices and kernels, drops biases, norm parameters and BatchNorm buffers', async () => {
      await expectNoLeaks(() =>
        tf.tidy(() => {
          const m = tf.zeros([2, 2]);
          const v = tf.zeros([2]);
          expect(isDecayable('fc.weight', m)).toBe(true);
          expect(isDecayable('layer1.0.conv1.weight', tf.zeros([2, 2, 1, 1]))).toBe(true);
          expect(isDecayable('embedding.weight', m)).toBe(true);
          expect(isDecayable('fc.bias', v)).toBe(false);
          expect(isDecayable('bn1.weight', v)).toBe(false);
          expect(isDecayable('bn1.running_mean', v)).toBe(false);
          // Name rules apply even to rank >= 2 tensors (e.g. a norm layer's 2-D scale, a 2-D bias).
          expect(isDecayable('encoder.layernorm.weight', m)).toBe(false);
          expect(isDecayable('ln_f.weight', m)).toBe(false);
          expect(isDecayable('attn.bias', m)).toBe(false);
          expect(isDecayable('lnk.weight', m)).toBe(true); // 'lnk' is not ln<k> or ln_*
          expect(isDecayable('fc_bias_free.weight', m)).toBe(true); // whole segments only
          expect(allParams('fc.bias', v)).toBe(true);
        }),
      );
    });
  });
});
