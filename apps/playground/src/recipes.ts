import * as tf from '@tensorflow/tfjs-core';
import {
  foldIn,
  mapTensors,
  normal,
  uniformValues,
  valueAt,
  zipTensors,
  type PRNGKey,
  type Schedule,
  type State,
  type TensorMap,
  type Transform,
} from '@nnopt/core';

// The playground's choices, written against @nnopt/core's Transform and Schedule contracts. They are small local
// versions of what @nnopt/optimizers, @nnopt/schedulers and @nnopt/augment provide; the playground switches to the
// packages' exports as they land (same names, same options, same conventions as torch).

/** Optimizers the UI offers: each a Transform whose learning rate is a Schedule of the step. */
export const optimizerNames = ['sgd', 'momentum', 'adam', 'adamw'] as const;
export type OptimizerName = (typeof optimizerNames)[number];

/** Schedules the UI offers, for `steps` total steps from a base learning rate. */
export const scheduleNames = ['constant', 'stepLR', 'cosineAnnealingLR', 'warmupCosine'] as const;
export type ScheduleName = (typeof scheduleNames)[number];

/** Augmentations the UI offers: applied to training batches only. */
export const augmentNames = ['none', 'randomShift', 'horizontalFlip', 'gaussianNoise'] as const;
export type AugmentName = (typeof augmentNames)[number];

/** Default base learning rate per optimizer (torch-like magnitudes for this MLP). */
export const defaultLearningRate: Record<OptimizerName, number> = { sgd: 0.1, momentum: 0.05, adam: 2e-3, adamw: 2e-3 };

/**
 * torch.optim.SGD (optionally with momentum, dampening 0, no Nesterov): `b <- mu b + g`, `p <- p - lr b`.
 * torch.optim.Adam / AdamW: `m <- b1 m + (1-b1) g`, `v <- b2 v + (1-b2) g^2`,
 * `p <- p - lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps) - lr wd p` (AdamW decay decoupled, torch default 1e-2).
 */
export function optimizer(name: OptimizerName, learningRate: Schedule): Transform {
  if (name === 'sgd' || name === 'momentum') {
    const mu = name === 'momentum' ? 0.9 : 0;
    return {
      init: (params) => ({ count: 0, trace: mapTensors(params, (p) => tf.zerosLike(p)) }),
      update(grads, state, _params) {
        const count = state.count as number;
        const lr = valueAt(learningRate, count);
        const trace = zipTensors(grads, [state.trace as TensorMap], ([g, b]) => (mu === 0 ? g! : tf.add(tf.mul(b!, mu), g!)));
        const updates = mapTensors(trace, (b) => tf.mul(b, -lr));
        return { updates, state: { count: count + 1, trace: mu === 0 ? (state.trace as State) : trace } };
      },
    };
  }
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const weightDecay = name === 'adamw' ? 1e-2 : 0;
  return {
    init: (params) => ({
      count: 0,
      mu: mapTensors(params, (p) => tf.zerosLike(p)),
      nu: mapTensors(params, (p) => tf.zerosLike(p)),
    }),
    update(grads, state, params) {
      const count = (state.count as number) + 1;
      const lr = valueAt(learningRate, count - 1);
      const mu = zipTensors(grads, [state.mu as TensorMap], ([g, m]) => tf.add(tf.mul(m!, beta1), tf.mul(g!, 1 - beta1)));
      const nu = zipTensors(grads, [state.nu as TensorMap], ([g, v]) => tf.add(tf.mul(v!, beta2), tf.mul(tf.square(g!), 1 - beta2)));
      const c1 = 1 - beta1 ** count;
      const c2 = 1 - beta2 ** count;
      const updates = zipTensors(mu, [nu, params], ([m, v, p]) => {
        const step = tf.div(tf.div(m!, c1), tf.add(tf.sqrt(tf.div(v!, c2)), eps));
        return tf.mul(weightDecay === 0 ? step : tf.add(step, tf.mul(p!, weightDecay)), -lr);
      });
      return { updates, state: { count, mu, nu } };
    },
  };
}

/**
 * The learning rate of step t (0-based) for `steps` steps from `lr`: constant; torch StepLR (gamma 0.5 every
 * steps/3); CosineAnnealingLR (tMax = steps, etaMin 0); linear warmup over the first 10% then cosine to 0.
 */
export function schedule(name: ScheduleName, lr: number, steps: number): Schedule {
  switch (name) {
    case 'constant':
      return () => lr;
    case 'stepLR': {
      const stepSize = Math.max(1, Math.floor(steps / 3));
      return (t) => lr * 0.5 ** Math.floor(t / stepSize);
    }
    case 'cosineAnnealingLR':
      return (t) => (lr * (1 + Math.cos((Math.PI * Math.min(t, steps)) / steps))) / 2;
    case 'warmupCosine': {
      const warmup = Math.max(1, Math.round(steps * 0.1));
      return (t) =>
        t < warmup ? (lr * (t + 1)) / warmup : (lr * (1 + Math.cos((Math.PI * (t - warmup)) / Math.max(1, steps - warmup)))) / 2;
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
