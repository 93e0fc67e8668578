import { assertInRange, assertInteger, assertOption, split, type PRNGKey } from '@nnopt/core';
import { resolveKey } from '../initializers';
import type { Module } from '../module';
import { activationByName, type ActivationName } from '../layers/activations';
import { dropout as dropoutLayer } from '../layers/dropout';
import { linear } from '../layers/linear';
import { sequential } from '../layers/sequential';

/** Options of {@link mlp}. */
export interface MlpOptions {
  inFeatures: number;
  /** Widths of the hidden layers, e.g. `[256, 128]`; may be empty (a linear model). */
  hiddenFeatures: readonly number[];
  outFeatures: number;
  /** Default `'relu'`. */
  activation?: ActivationName;
  /** Dropout after each hidden activation (0 = no dropout layer). Default 0. */
  dropout?: number;
  key?: PRNGKey;
}

/**
 * A multilayer perceptron as `nn.Sequential(Linear, act, [Dropout], ..., Linear)`: input `[N, inFeatures]`,
 * logits `[N, outFeatures]`; state-dict names `0.weight`, `0.bias`, `2.weight`, ... as the PyTorch Sequential.
 */
export function mlp({ inFeatures, hiddenFeatures, outFeatures, activation = 'relu', dropout = 0, key }: MlpOptions): Module {
  assertInteger('inFeatures', inFeatures, 1);
  assertInteger('outFeatures', outFeatures, 1);
  assertOption(hiddenFeatures.every((h) => Number.isInteger(h) && h >= 1), 'hiddenFeatures', hiddenFeatures, 'integers >= 1');
  assertInRange('dropout', dropout, 0, 1);
  activationByName(activation).dispose(); // validates the name before any variable exists
  const widths = [inFeatures, ...hiddenFeatures, outFeatures];
  const keys = split(resolveKey(key), widths.length - 1);
  const layers: Module[] = [];
  for (let i = 0; i < widths.length - 1; i++) {
    layers.push(linear({ inFeatures: widths[i]!, outFeatures: widths[i + 1]!, key: keys[i] }));
    if (i < widths.length - 2) {
      layers.push(activationByName(activation));
      if (dropout > 0) layers.push(dropoutLayer({ p: dropout }));
    }
  }
  return sequential(layers, 'MLP');
}
