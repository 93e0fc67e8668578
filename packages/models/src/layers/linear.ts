import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, split, type PRNGKey } from '@nnopt/core';
import { kaimingUniform, resolveKey, uniformInit, type Initializer } from '../initializers';
import { defineModule, type Module } from '../module';
import { createParameter } from '../parameter';
import { biasAdd } from './bias-add';

/** Options of {@link linear}. */
export interface LinearOptions {
  inFeatures: number;
  outFeatures: number;
  /** Learn an additive bias. Default true. */
  bias?: boolean;
  /** Weight initializer (PyTorch shape `[out, in]`). Default PyTorch's: `kaimingUniform({ a: sqrt(5) })`, i.e. `U(+-1/sqrt(in))`. */
  weightInit?: Initializer;
  /** Bias initializer. Default PyTorch's: `U(-1/sqrt(in), 1/sqrt(in))`. */
  biasInit?: Initializer;
  /** Seeds the initializers. Default: a random key. */
  key?: PRNGKey;
}

/**
 * `torch.nn.Linear`: `y = x W^T + b` over the last axis of `x` (any rank >= 2). Parameters `weight`, `[out, in]`
 * in state dicts (PyTorch's layout) but held as `[in, out]` (layout `'linear'`) so the forward pass is a plain
 * `x W` product, and `bias` `[out]`.
 */
export function linear({ inFeatures, outFeatures, bias = true, weightInit, biasInit, key }: LinearOptions): Module {
  assertInteger('inFeatures', inFeatures, 1);
  assertInteger('outFeatures', outFeatures, 1);
  const [wKey, bKey] = split(resolveKey(key));
  const bound = 1 / Math.sqrt(inFeatures);
  const parameters: Record<string, tf.Variable> = {
    weight: createParameter(weightInit ?? kaimingUniform({ a: Math.sqrt(5) }), wKey!, [outFeatures, inFeatures], 'linear'),
  };
  if (bias) parameters.bias = createParameter(biasInit ?? uniformInit(-bound, bound), bKey!, [outFeatures]);
  return defineModule({
    type: 'Linear',
    parameters,
    layouts: { weight: 'linear' },
    forward: (x) =>
      tf.tidy(() => {
        if (x.shape[x.rank - 1] !== inFeatures) {
          throw new Error(`Linear: input has ${x.shape[x.rank - 1]} features in its last axis, expected inFeatures ${inFeatures}`);
        }
        const flat = x.rank === 2 ? x : tf.reshape(x, [-1, inFeatures]);
        let y: tf.Tensor = tf.matMul(flat, parameters.weight!);
        if (parameters.bias) y = biasAdd(y, parameters.bias);
        return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), outFeatures]);
      }),
  });
}
