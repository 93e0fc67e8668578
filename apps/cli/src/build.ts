import type * as tf from '@tensorflow/tfjs-core';
import { split, type PRNGKey, type Schedule } from '@nnopt/core';
import { compose, randomCrop, randomErasing, randomHorizontalFlip, type ImageTransform } from '@nnopt/augment';
import {
  batchNorm2d,
  conv2d,
  dropout,
  flatten,
  linear,
  maxPool2d,
  mlp,
  relu,
  resnet,
  sequential,
  smallCnn,
  type Module,
} from '@nnopt/models';
import { adagrad, adam, adamw, lamb, lion, nadam, radam, rmsprop, sgd } from '@nnopt/optimizers';
import { softmaxCrossEntropy } from '@nnopt/regularizers';
import { constantLR, cosineAnnealingLR, oneCycleLR, stepLR, warmup } from '@nnopt/schedulers';
import type { Recipe } from './recipe';

/**
 * The recipe's `cnn`: two conv-BN-ReLU-maxpool stages (width, 2 x width channels, 3x3) on 28x28 inputs, then a
 * hidden linear layer with dropout: the "2 Conv + pooling + BN" family of the Fashion-MNIST benchmark table.
 */
function cnn({ width, hidden, dropout: rate }: Recipe['model'], inChannels: number, size: number, classes: number, key: PRNGKey): Module {
  const [k1, k2, k3, k4] = split(key, 4);
  const reduced = Math.floor(Math.floor(size / 2) / 2);
  return sequential(
    [
      conv2d({ inChannels, outChannels: width, kernelSize: 3, padding: 1, key: k1 }),
      batchNorm2d({ numFeatures: width }),
      relu(),
      maxPool2d({ kernelSize: 2 }),
      conv2d({ inChannels: width, outChannels: 2 * width, kernelSize: 3, padding: 1, key: k2 }),
      batchNorm2d({ numFeatures: 2 * width }),
      relu(),
      maxPool2d({ kernelSize: 2 }),
      flatten(),
      linear({ inFeatures: reduced * reduced * 2 * width, outFeatures: hidden, key: k3 }),
      relu(),
      dropout({ p: rate }),
      linear({ inFeatures: hidden, outFeatures: classes, key: k4 }),
    ],
    'FashionCNN',
  );
}

/** The model a recipe names, for `[size, size, inChannels]` inputs and `classes` outputs. */
export function buildModel(model: Recipe['model'], sampleShape: readonly number[], classes: number, key: PRNGKey): Module {
  const [size, , inChannels] = sampleShape as [number, number, number];
  switch (model.name) {
    case 'cnn':
      return cnn(model, inChannels, size, classes, key);
    case 'small-cnn':
      return smallCnn({ inChannels, numClasses: classes, width: model.width, key });
    case 'mlp':
      return sequential([flatten(), mlp({ inFeatures: size * size * inChannels, hiddenFeatures: [model.hidden], outFeatures: classes, dropout: model.dropout, key })]);
    case 'resnet':
      return resnet({ depth: model.depth, widthMultiplier: model.width / 64, inChannels, numClasses: classes, stem: 'small', selfAttention: model.attention, key });
  }
}

/** The learning-rate schedule over `totalSteps` optimizer steps (`stepsPerEpoch` per epoch). */
export function buildSchedule({ schedule, optimizer }: Recipe, stepsPerEpoch: number, totalSteps: number): Schedule {
  const lr = optimizer.learningRate;
  const warmupSteps = Math.round(schedule.warmupEpochs * stepsPerEpoch);
  switch (schedule.name) {
    case 'constant':
      return constantLR({ lr, factor: 1, totalIters: 0 });
    case 'onecycle':
      return oneCycleLR({ maxLr: lr, totalSteps, pctStart: Math.min(0.5, Math.max(warmupSteps, 1) / totalSteps) });
    case 'cosine': {
      const cosine = cosineAnnealingLR({ lr, tMax: Math.max(1, totalSteps - warmupSteps), etaMin: schedule.etaMin });
      return warmupSteps > 0 ? warmup((t) => cosine(Math.max(0, t - warmupSteps)), warmupSteps) : cosine;
    }
    case 'step':
      return stepLR({ lr, stepSize: schedule.stepSize * stepsPerEpoch, gamma: schedule.gamma });
  }
}

/** The optimizer a recipe names, with its learning rate driven by `schedule`. */
export function buildOptimizer({ optimizer: o }: Recipe, schedule: Schedule): tf.Optimizer {
  const common = { learningRate: schedule, weightDecay: o.weightDecay };
  const betas = { beta1: o.beta1, beta2: o.beta2 };
  switch (o.name) {
    case 'sgd':
      return sgd({ ...common, momentum: o.momentum, nesterov: o.nesterov });
    case 'adam':
      return adam({ ...common, ...betas });
    case 'adamw':
      return adamw({ ...common, ...betas });
    case 'rmsprop':
      return rmsprop({ ...common, momentum: o.momentum });
    case 'adagrad':
      return adagrad(common);
    case 'nadam':
      return nadam({ ...common, ...betas });
    case 'radam':
      return radam({ ...common, ...betas });
    case 'lion':
      return lion({ ...common, ...betas });
    case 'lamb':
      return lamb({ ...common, ...betas });
  }
}

/** The training augmentation: random crop with padding, horizontal flip, random erasing, as configured. */
export function buildAugment({ augment }: Recipe, sampleShape: readonly number[]): ImageTransform | undefined {
  const stages: ImageTransform[] = [];
  if (augment.cropPadding > 0) stages.push(randomCrop({ size: [sampleShape[0]!, sampleShape[1]!], padding: augment.cropPadding }));
  if (augment.flip) stages.push(randomHorizontalFlip());
  if (augment.erasing > 0) stages.push(randomErasing({ p: augment.erasing }));
  return stages.length ? compose(stages) : undefined;
}

/** Softmax cross-entropy with the recipe's label smoothing. */
export function buildLoss({ regularization }: Recipe) {
  return (logits: tf.Tensor, labels: tf.Tensor) => softmaxCrossEntropy(logits, labels, { labelSmoothing: regularization.labelSmoothing }) as tf.Scalar;
}
