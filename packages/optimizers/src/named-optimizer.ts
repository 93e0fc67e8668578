import type * as tf from '@tensorflow/tfjs-core';
import type { ScheduleLike, Transform } from '@nnopt/core';
import { injectHyperparams, type HyperparamValues } from './inject-hyperparams';
import { toOptimizer, type TransformOptimizer } from './to-optimizer';

/**
 * Builds a named optimizer (internal): `build` makes the chain from plain numbers; the hyperparameters in
 * `hyperparams` may be schedules (through `injectHyperparams`); `options` (with defaults resolved) become the tfjs
 * config, numbers and booleans only (schedules cannot be serialized), and `factory` rebuilds it from that config.
 */
export function namedOptimizer<H extends { [name: string]: ScheduleLike }>(
  name: string,
  factory: (options: never) => TransformOptimizer,
  options: { [option: string]: unknown },
  hyperparams: H,
  build: (values: HyperparamValues<H>) => Transform,
): TransformOptimizer {
  const config: tf.serialization.ConfigDict = {};
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === 'number' || typeof value === 'boolean') config[key] = value;
  }
  return toOptimizer(injectHyperparams(build, hyperparams), {
    name,
    config,
    factory: (c) => factory(c as never),
  });
}
