import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { expectTorchParity, prepareBackend } from '../__fixtures__/harness';
import { randomBatch, trainSteps } from '../__fixtures__/train';
import type { Module } from '../module';
import { parameterCount } from '../summary';
import { zerosInit } from '../initializers';
import { bottleneck } from '../layers/bottleneck';
import { mlp } from './mlp';
import { resnet, resnet18SelfAttention } from './resnet';
import { smallCnn } from './small-cnn';
import { vit } from './vit';
import manifest from '../__fixtures__/models.json';



describe('models', () => {
  it('reject bad options when called', () => {
    expect(() => resnet({ depth: 20 as 18 })).toThrow(/depth/);
    expect(() => resnet({ depth: 18, stem: 'cifar' as 'small' })).toThrow(/stem/);
    expect(() => resnet({ depth: 50, selfAttention: true })).toThrow(/selfAttention/);
    expect(() => vit({ imageSize: 30, patchSize: 4 })).toThrow(/patchSize/);
    expect(() => mlp({ inFeatures: 4, hiddenFeatures: [0], outFeatures: 2 })).toThrow(/hiddenFeatures/);
  });

  // Building full-size ResNets allocates 11-25M parameters: once, on cpu, is enough (no op runs).
  forEachBackend(() => {
    it('resnet18/34/50 have torchvision 0.14\u2019s parameter counts', async () => {
      for (const depth of [18, 34, 50] as const) {
        await expectNoLeaks(() => {
          const net = resnet({ depth, convInit: zerosInit() }); // zeros: counting needs no random init
          expect(parameterCount(net), `resnet${depth}`).toBe(manifest.parameterCounts[`resnet${depth}`]);
          net.dispose();
        });
      }
    });
  }, ['cpu']);

  forEachBackend(() => {
    beforeAll(prepareBackend);
    // torchvision's ResNet code with widths 4, 8, 16, 32 and the small stem; see tools/fixtures/models.py.
    it('resnet18 (small stem) matches torchvision: outputs, every gradient, running stats, eval output', () =>
      expectTorchParity(() => resnet({ depth: 18, widthMultiplier: 4 / 64, numClasses: 10, stem: 'small' }), 'resnet18_small'));
    it('bottleneck (stride 2, projection shortcut) matches torchvision.models.resnet.Bottleneck', () =>
      expectTorchParity(() => bottleneck({ inPlanes: 8, planes: 4, stride: 2 }), 'bottleneck'));
    it("the seed's ResNet18 with self-attention in layer4.1 matches PyTorch", () =>
      expectTorchParity(() => resnet18SelfAttention({ widthMultiplier: 4 / 64, numClasses: 10 }), 'resnet18_attention'));

    const trainable: Record<string, { make: () => Module; shape: number[]; learningRate?: number }> = {
      mlp: { make: () => mlp({ inFeatures: 12, hiddenFeatures: [16, 16], outFeatures: 4, dropout: 0.1, key: prngKey(1) }), shape: [8, 12] },
      smallCnn: { make: () => smallCnn({ inChannels: 1, numClasses: 4, width: 4, key: prngKey(2) }), shape: [8, 8, 8, 1] },
      'resnet18 (small stem, width 1/16)': {
        make: () => resnet({ depth: 18, widthMultiplier: 1 / 16, inChannels: 3, numClasses: 4, stem: 'small', key: prngKey(3) }),
        shape: [4, 8, 8, 3],
      },
      'resnet50 (imagenet stem, width 1/16)': {
        make: () => resnet({ depth: 50, widthMultiplier: 1 / 16, inChannels: 3, numClasses: 4, key: prngKey(4) }),
        shape: [8, 32, 32, 3],
        learningRate: 0.05,
      },
      resnet18SelfAttention: {
        make: () => resnet18SelfAttention({ widthMultiplier: 1 / 16, numClasses: 4, key: prngKey(5) }),
        shape: [4, 8, 8, 3],
      },
      vit: {
        make: () => vit({ imageSize: 8, patchSize: 4, inChannels: 3, numClasses: 4, dim: 16, depth: 2, heads: 2, dropout: 0.1, key: prngKey(6) }),
        shape: [4, 8, 8, 3],
      },
    };
    for (const [name, { make, shape, learningRate }] of Object.entries(trainable)) {
      it(`${name} trains: the loss falls and tensor memory stays flat`, async () => {
        const model = make();
        const { x, y } = randomBatch(shape, 4);
        const losses = await trainSteps(model, x, y, { learningRate, sameMask: true, steps: 8 });
        expect(losses.every(Number.isFinite)).toBe(true);
        expect(losses[losses.length - 1]!, `losses ${losses.map((l) => l.toFixed(4)).join(', ')}`).toBeLessThan(losses[0]!);
        tf.dispose([x, y]);
        model.dispose();
      });
    }
  });
});
