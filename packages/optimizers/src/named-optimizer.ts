import type * as tf from '@tensorflow/tfjs-core';
import { assertOption, type ScheduleLike, type Transform } from '@nnopt/core';
import { withFusedPath, type FusedRule } from './fused/fused-transform';
import { injectHyperparams, type HyperparamValues } from './inject-hyperparams';
import { toOptimizer, type TransformOptimizer } from './to-optimizer';

/**
 * Builds a named optimizer (internal): `build` makes the chain from plain numbers; the hyperparameters in
 * `hyperparams` may be schedules (through `injectHyperparams`); `options` (with defaults resolved) become the tfjs
 * config, numbers and booleans only (schedules cannot be serialized), and `factory` rebuilds it from that config.
 * `fused`, when given and `options.fused` is not `false`, is the one-pass step the optimizer runs on the cpu and wasm
 * backends (see `fused/fused-transform.ts`); the composed chain stays the reference, the path for other backends and
 * the optimizer's `.transform`, so wrappers and custom loops always get real updates.
 */
export function namedOptimizer<H extends { [name: string]: ScheduleLike }>(
  name: string,
  factory: (options: never) => TransformOptimizer,
  options: { [option: string]: unknown },
  hyperparams: H,
  build: (values: HyperparamValues<H>) => Transform,
  fused?: FusedRule<H>,
): TransformOptimizer {
  const config: tf.serialization.ConfigDict = {};
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === 'number' || typeof value === 'boolean') config[key] = value;
  }
  assertOption(options.fused === undefined || typeof options.fused === 'boolean', 'fused', options.fused, 'a boolean');
  const composed = injectHyperparams(build, hyperparams);
  return toOptimizer(composed, {
    name,
    config,
    factory: (c) => factory(c as never),
    fastPath: fused !== undefined && options.fused !== false ? withFusedPath(composed, build, fused) : undefined,
  });
}
