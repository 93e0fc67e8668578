import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTensors } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { expectTorchParity, fixtureBytes, parityTolerance, prepareBackend } from '../__fixtures__/harness';
import { loadStateDict } from '../state-dict';
import { multiHeadAttention } from './multi-head-attention';
import { selfAttention2d } from './self-attention2d';
import { transformerEncoderBlock } from './transformer-encoder-block';

describe('attention', () => {
  it('rejects bad options when called', () => {
    expect(() => multiHeadAttention({ embedDim: 8, numHeads: 3 })).toThrow(/numHeads/);
    expect(() => transformerEncoderBlock({ dModel: 8, nHead: 2, dropout: 1.5 })).toThrow(/dropout/);
    expect(() => selfAttention2d({ inChannels: 8, reduction: 0 })).toThrow(/reduction/);
  });
  forEachBackend(() => {
    beforeAll(prepareBackend);
    it('multiHeadAttention matches torch.nn.MultiheadAttention (batch_first)', () =>
      expectTorchParity(() => multiHeadAttention({ embedDim: 8, numHeads: 2 }), 'mha'));
    it('multiHeadAttention with a causal mask matches torch attn_mask=triu', async () => {
      const mha = multiHeadAttention({ embedDim: 8, numHeads: 2 });
      const [weights, ioBytes] = await Promise.all([fixtureBytes('mha.safetensors'), fixtureBytes('mha.io.safetensors')]);
      await expectNoLeaks(() => {
        loadStateDict(mha, weights);
        const io = loadTensors(ioBytes).tensors;
        const x = io.input!;
        const causal = mha.attend(x, x, x, { training: false }, { causal: true });
        const boolMask = tf.tidy(() => tf.cast(tf.sub(1, tf.linalg.bandPart(tf.ones([5, 5]), -1, 0)), 'bool'));
        const masked = mha.attend(x, x, x, { training: false }, { attnMask: boolMask });
        expectClose(causal, io.output_causal!, parityTolerance, 'causal');
        expectClose(masked, io.output_causal!, parityTolerance, 'bool attnMask');
        tf.dispose([causal, masked, boolMask, ...Object.values(io)]);
      });
      mha.dispose();
    });
    it("selfAttention2d matches the seed's SAGAN SelfAttention", () =>
      expectTorchParity(() => selfAttention2d({ inChannels: 8 }), 'self_attention2d'));
    it('transformerEncoderBlock matches torch TransformerEncoderLayer(norm_first=True, gelu)', () =>
      expectTorchParity(
        () => transformerEncoderBlock({ dModel: 8, nHead: 2, dimFeedforward: 16, dropout: 0, activation: 'gelu' }),
        'transformer_block',
      ));
  });
});
