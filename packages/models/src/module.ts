import type * as tf from '@tensorflow/tfjs-core';
import { foldIn, type ForwardOptions, type TensorMap, type TrainableModel } from '@nnopt/core';

/**
 * How a parameter's in-memory layout maps to PyTorch's. `'linear'`: held as `[in, out]`, stored in state dicts as
 * PyTorch's `[out, in]` (a plain `x W` product is several times faster than `x W^T` on tfjs' wasm backend).
 * `'conv2d'`: held as tfjs' HWIO
 * `[kh, kw, in/groups, out]`, stored in state dicts as PyTorch's OIHW `[out, in/groups, kh, kw]`.
 */
export type TorchLayout = 'conv2d' | 'linear';

/**
 * A module: a forward function plus its variables under PyTorch `state_dict` names. Parameters and buffers are
 * `tf.Variable`s owned by the module (trainable and not); children are sub-modules whose names are joined with `.`
 * (`layer1.0.conv1.weight`), exactly as `torch.nn.Module.state_dict()` names them.
 *
 * Train/eval behaviour is chosen per call by `forward(x, { training })` (no hidden mode flag): `training: true`
 * uses batch statistics, updates BatchNorm running buffers and applies dropout (which needs `key`).
 */
export interface Module extends TrainableModel {
  /** The PyTorch class this module mirrors (`'Conv2d'`, `'BasicBlock'`), shown by `summary`. */
  readonly type: string;
  /** This module's own parameters (not its children's), by local name. */
  readonly parameters: Readonly<Record<string, tf.Variable>>;
  /** This module's own buffers, by local name. */
  readonly buffers: Readonly<Record<string, tf.Variable>>;
  /** Sub-modules, by local name, in registration order. */
  readonly children: ReadonlyArray<readonly [string, Module]>;
  /** Own parameters whose layout differs from PyTorch's (converted by `stateDict`/`loadStateDict`). */
  readonly layouts: Readonly<Record<string, TorchLayout>>;
  /** Disposes every variable of this module and its children. The module is unusable afterwards. */
  dispose(): void;
}

/** What {@link defineModule} needs: everything of a {@link Module} except the derived walks. */
export interface ModuleSpec {
  readonly type: string;
  readonly parameters?: Record<string, tf.Variable>;
  readonly buffers?: Record<string, tf.Variable>;
  /** Children as `[name, module]` pairs or a record (records order integer-like keys first, as JS does). */
  readonly children?: ReadonlyArray<readonly [string, Module]> | Record<string, Module>;
  readonly layouts?: Record<string, TorchLayout>;
  readonly forward: (x: tf.Tensor, options: ForwardOptions) => tf.Tensor;
}

/**
 * Builds a {@link Module} from its parts: `namedParameters()`/`namedBuffers()` walk the children depth-first with
 * PyTorch's naming (own entries first, then each child's under `child.`), and `dispose()` frees them all.
 */
export function defineModule(spec: ModuleSpec): Module {
  const parameters = spec.parameters ?? {};
  const buffers = spec.buffers ?? {};
  const children: ReadonlyArray<readonly [string, Module]> = Array.isArray(spec.children)
    ? (spec.children as ReadonlyArray<readonly [string, Module]>)
    : Object.entries(spec.children ?? {});
  const walk = (pick: (m: Module) => Readonly<Record<string, tf.Variable>>): TensorMap<tf.Variable> => {
    const out: TensorMap<tf.Variable> = {};
    const visit = (m: Module, prefix: string): void => {
      for (const [name, v] of Object.entries(pick(m))) out[prefix + name] = v;
      for (const [name, child] of m.children) visit(child, `${prefix}${name}.`);
    };
    visit(self, '');
    return out;
  };
  const self: Module = {
    type: spec.type,
    parameters,
    buffers,
    children,
    layouts: spec.layouts ?? {},
    forward: spec.forward,
    namedParameters: () => walk((m) => m.parameters),
    namedBuffers: () => walk((m) => m.buffers),
    dispose: () => {
      for (const v of Object.values(parameters)) v.dispose();
      for (const v of Object.values(buffers)) v.dispose();
      for (const [, child] of children) child.dispose();
    },
  };
  return self;
}

/**
 * The options a container passes to its `index`-th child: the same `training` flag and, when a key is given, a
 * key folded with the child's index, so every stochastic layer draws independent bits from one step key.
 */
export function childOptions(options: ForwardOptions, index: number): ForwardOptions {
  return options.key === undefined ? options : { training: options.training, key: foldIn(options.key, index) };
}

/** Every module of the tree with its dotted name (`''` for the root), depth-first, parents before children. */
export function namedModules(module: Module, prefix = ''): Array<[string, Module]> {
  const out: Array<[string, Module]> = [[prefix, module]];
  for (const [name, child] of module.children) out.push(...namedModules(child, prefix ? `${prefix}.${name}` : name));
  return out;
}
