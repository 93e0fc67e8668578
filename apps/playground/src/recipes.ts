import * as tf from '@tensorflow/tfjs-core';
import { foldIn, normal, uniformValues, type PRNGKey, type Schedule, type Transform } from '@nnopt/core';
import { adam, adamw, sgd } from '@nnopt/optimizers';
import { cosineAnnealingLR, stepLR, warmupCosineDecay } from '@nnopt/schedulers';

// The playground's choices. Optimizers and schedules are @nnopt/optimizers' and @nnopt/schedulers' own (torch
// names, options and conventions); the augmentations are small local tfjs-core versions until the playground
// moves to @nnopt/augment.

/** Optimizers the UI offers. */
export const optimizerNames = ['sgd', 'momentum', 'adam', 'adamw'] as const;
export type OptimizerName = (typeof optimizerNames)[number];

/** Schedules the UI offers, for `steps` total steps from a base learning rate. */
export const scheduleNames = ['constant', 'stepLR', 'cosineAnnealingLR', 'warmupCosineDecay'] as const;
export type ScheduleName = (typeof scheduleNames)[number];

/** Augmentations the UI offers: applied to training batches only. */
export const augmentNames = ['none', 'randomShift', 'horizontalFlip', 'gaussianNoise'] as const;
export type AugmentName = (typeof augmentNames)[number];

/** Default base learning rate per optimizer (torch-like magnitudes for this MLP). */
export const defaultLearningRate: Record<OptimizerName, number> = { sgd: 0.1, momentum: 0.05, adam: 2e-3, adamw: 2e-3 };

/**
 * The optimizer's gradient transform, with its learning rate read from `learningRate` at each step:
 * torch.optim.SGD (momentum 0, or 0.9 for 'momentum'), Adam, or AdamW (decoupled weight decay 1e-2, torch's
 * default). The playground applies it with `@nnopt/core`'s `applyTransform` on its named parameters.
 */
export function optimizer(name: OptimizerName, learningRate: Schedule): Transform {
  switch (name) {
    case 'sgd':
      return sgd({ learningRate }).transform;
    case 'momentum':
      return sgd({ learningRate, momentum: 0.9 }).transform;
    case 'adam':
      return adam({ learningRate }).transform;
    case 'adamw':
      return adamw({ learningRate }).transform;
  }
}

/**
 * The learning rate of step t (0-based) for a run of `steps` steps from `lr`: constant; torch StepLR (gamma 0.5
 * every steps/3); CosineAnnealingLR (tMax = steps, etaMin 0); optax warmup_cosine_decay (linear warmup from 0
 * over the first 10% of the steps to `lr`, then cosine to 0 at the last step).
 */
export function schedule(name: ScheduleName, lr: number, steps: number): Schedule {
  switch (name) {
    case 'constant':
      return () => lr;
    case 'stepLR':
      return stepLR({ lr, stepSize: Math.max(1, Math.floor(steps / 3)), gamma: 0.5 });
    case 'cosineAnnealingLR':
      return cosineAnnealingLR({ lr, tMax: steps });
    case 'warmupCosineDecay': {
      const warmupSteps = Math.max(1, Math.round(steps * 0.1));
      return warmupCosineDecay({ initValue: 0, peakValue: lr, warmupSteps, decaySteps: Math.max(steps, warmupSteps + 1), endValue: 0 });
    }
  }
}

/**
 * Augments a training batch x [n, 28, 28, 1] with randomness from `key`: random shifts of up to 2 pixels (zero
 * padding, as torchvision RandomAffine translate), horizontal flips with p = 0.5, or additive N(0, 0.1^2) noise.
 */
export function augment(name: AugmentName, x: tf.Tensor4D, key: PRNGKey): tf.Tensor4D {
  if (name === 'none') return tf.clone(x);
  return tf.tidy(() => {
    const n = x.shape[0];
    if (name === 'gaussianNoise') return tf.add(x, normal(key, x.shape, 0, 0.1)) as tf.Tensor4D;
    const u = uniformValues(key, 2 * n);
    if (name === 'horizontalFlip') {
      const flipped = tf.reverse(x, 2);
      const mask = tf.tensor4d(Array.from({ length: n }, (_, i) => (u[i]! < 0.5 ? 1 : 0)), [n, 1, 1, 1]);
      return tf.add(tf.mul(flipped, mask), tf.mul(x, tf.sub(1, mask))) as tf.Tensor4D;
    }
    // randomShift: pad by 2, then crop each image at its own offset in [0, 4].
    const padded = tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]]);
    const crops = Array.from({ length: n }, (_, i) => {
      const dy = Math.floor(u[i]! * 5);
      const dx = Math.floor(u[n + i]! * 5);
      return tf.slice(padded, [i, dy, dx, 0], [1, 28, 28, 1]);
    });
    return tf.concat(crops, 0) as tf.Tensor4D;
  });
}

/** A fresh key per step for augmentation, from the run's key. */
export const stepKey = (key: PRNGKey, step: number): PRNGKey => foldIn(key, step);
