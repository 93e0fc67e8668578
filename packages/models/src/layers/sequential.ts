import * as tf from '@tensorflow/tfjs-core';
import { childOptions, defineModule, type Module } from '../module';

/**
 * `torch.nn.Sequential`: runs the modules in order. An array names the children `'0'`, `'1'`, ... (PyTorch's
 * keys, e.g. `0.weight`); a record or `[name, module]` pairs keep their names (`OrderedDict` form). Child `i`
 * receives the step key folded with `i`, so stochastic children draw independent masks.
 */
export function sequential(modules: readonly Module[] | Record<string, Module> | ReadonlyArray<readonly [string, Module]>, type = 'Sequential'): Module {
  const children: Array<readonly [string, Module]> = Array.isArray(modules)
    ? modules.every((m) => Array.isArray(m))
      ? (modules as unknown as ReadonlyArray<readonly [string, Module]>).slice()
      : (modules as readonly Module[]).map((m, i) => [String(i), m] as const)
    : Object.entries(modules as Record<string, Module>);
  return defineModule({
    type,
    children,
    forward: (x, options) =>
      tf.tidy(() => children.reduce<tf.Tensor>((h, [, m], i) => m.forward(h, childOptions(options, i)), x)),
  });
}
