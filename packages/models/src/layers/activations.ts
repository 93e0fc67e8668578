import * as tf from '@tensorflow/tfjs-core';
import { assertOption, assertPositive } from '@nnopt/core';
import { defineModule, type Module } from '../module';

function activation(type: string, fn: (x: tf.Tensor) => tf.Tensor): Module {
  return defineModule({ type, forward: (x) => tf.tidy(() => fn(x)) });
}

/** `torch.nn.ReLU`: `max(x, 0)`. */
export const relu = (): Module => activation('ReLU', (x) => tf.relu(x));

/** `torch.nn.LeakyReLU`: `x` if `x >= 0` else `negativeSlope * x` (default 0.01). */
export function leakyRelu({ negativeSlope = 0.01 }: { negativeSlope?: number } = {}): Module {
  assertOption(Number.isFinite(negativeSlope), 'negativeSlope', negativeSlope, 'a finite number');
  return activation('LeakyReLU', (x) => tf.leakyRelu(x, negativeSlope));
}

/** `torch.nn.ELU`: `x` if `x > 0` else `alpha (exp(x) - 1)` (default alpha 1). Clevert et al. 2015. */
export function elu({ alpha = 1 }: { alpha?: number } = {}): Module {
  assertPositive('alpha', alpha);
  // tf.elu is fixed to alpha = 1; other alphas are composed from differentiable ops:
  // relu(x) + alpha * expm1(-relu(-x)) (comparison ops have no gradient in tfjs).
  return activation('ELU', (x) => (alpha === 1 ? tf.elu(x) : tf.add(tf.relu(x), tf.mul(alpha, tf.expm1(tf.neg(tf.relu(tf.neg(x))))))));
}

/** `torch.nn.SELU`: `scale * elu(x, alpha)`, alpha 1.6733, scale 1.0507 (Klambauer et al. 2017, https://arxiv.org/abs/1706.02515). */
export const selu = (): Module => activation('SELU', (x) => tf.selu(x));

/**
 * `torch.nn.GELU`: `x * Phi(x) = 0.5 x (1 + erf(x / sqrt(2)))` (default `approximate: 'none'`), or the tanh
 * approximation `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))`. Hendrycks & Gimpel 2016, https://arxiv.org/abs/1606.08415.
 */
export function gelu({ approximate = 'none' }: { approximate?: 'none' | 'tanh' } = {}): Module {
  assertOption(approximate === 'none' || approximate === 'tanh', 'approximate', approximate, "'none' or 'tanh'");
  return activation('GELU', (x) =>
    approximate === 'none'
      ? tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))))
      : tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))))))),
  );
}

/** `torch.nn.SiLU` (swish): `x * sigmoid(x)`. Elfwing et al. 2017, https://arxiv.org/abs/1702.03118. */
export const silu = (): Module => activation('SiLU', (x) => tf.mul(x, tf.sigmoid(x)));

/** `torch.nn.Mish`: `x * tanh(softplus(x))`. Misra 2019, https://arxiv.org/abs/1908.08681. */
export const mish = (): Module => activation('Mish', (x) => tf.mul(x, tf.tanh(tf.softplus(x))));

/** `torch.nn.Sigmoid`: `1 / (1 + exp(-x))`. */
export const sigmoid = (): Module => activation('Sigmoid', (x) => tf.sigmoid(x));

/** `torch.nn.Tanh`. */
export const tanh = (): Module => activation('Tanh', (x) => tf.tanh(x));

/** `torch.nn.Softmax(dim)`: `exp(x_i) / sum_j exp(x_j)` along `dim` (default -1, the last axis). */
export function softmax({ dim = -1 }: { dim?: number } = {}): Module {
  assertOption(Number.isInteger(dim), 'dim', dim, 'an integer');
  return activation('Softmax', (x) => {
    const axis = dim < 0 ? x.rank + dim : dim;
    if (axis === x.rank - 1) return tf.softmax(x);
    // tf.softmax works on the last axis only: normalize along another axis with stable exp/sum.
    const e = tf.exp(tf.sub(x, tf.max(x, axis, true)));
    return tf.div(e, tf.sum(e, axis, true));
  });
}

/** The activations by name, for models that take an `activation` option. */
export const activations = { relu, gelu, silu, tanh, sigmoid, elu, selu, mish, leakyRelu } as const;

/** A name of {@link activations}. */
export type ActivationName = keyof typeof activations;

/** A fresh activation module by name; throws a RangeError naming `option` for unknown names. */
export function activationByName(name: ActivationName, option = 'activation'): Module {
  assertOption(Object.hasOwn(activations, name), option, name, `one of ${Object.keys(activations).join(', ')}`);
  return activations[name]();
}
