import * as tf from '@tensorflow/tfjs-core';
import {
  applyTransform,
  assertSameShape,
  ensureGradients,
  flattenState,
  stateTensors,
  unflattenState,
  type ScheduleLike,
  type State,
  type StateLeaf,
  type TensorMap,
  type Transform,
} from '@nnopt/core';
import { assertSameStructure, escapeKey, mapTree, mergeMissing, treeKeys, unescapeKey } from './state-tree';

/** What {@link TransformOptimizer.stateDict} returns and {@link TransformOptimizer.loadStateDict} accepts. */
export interface OptimizerStateDict {
  readonly [key: string]: StateLeaf | State;
  /** Steps taken through this optimizer (tfjs' `iterations`). */
  readonly iterations: number;
  /** The transform's state tree; keys that are variable names are escaped (`/` as `%2F`, `%` as `%25`). */
  readonly transform: State;
}

/** A transform whose hyperparameters can be changed between steps (see `injectHyperparams`). */
export interface HyperparamsHolder {
  readonly hyperparams: { [name: string]: ScheduleLike };
}

/** Options of {@link toOptimizer}, used by the named optimizers to make themselves serializable. */
export interface ToOptimizerOptions {
  /** Name the optimizer is registered under for `getConfig`/`fromConfig` (e.g. `'adamw'`). */
  name?: string;
  /** JSON-able options from which `factory` rebuilds the optimizer (schedules are left out). */
  config?: tf.serialization.ConfigDict;
  /** Rebuilds an equal optimizer from `config` (used by `fromConfig` when a saved model is loaded). */
  factory?: (config: tf.serialization.ConfigDict) => tf.Optimizer;
  /**
   * A transform equivalent to `transform`, with the same state layout, that the optimizer runs in its place: the
   * named optimizers' fused one-pass step, which applies the update in place and returns none, so it must never be
   * wrapped. `transform` stays what the optimizer exposes.
   */
  fastPath?: Transform;
}

/** tfjs' `{ name, tensor }` pair (not exported by tfjs-core's public index). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

type Factory = (config: tf.serialization.ConfigDict) => tf.Optimizer;
const factories = new Map<string, Factory>();
let classRegistered = false;

/** Name prefix of the state entries in {@link TransformOptimizer.getWeights} (tfjs puts them beside model weights). */
const weightPrefix = 'nnopt/';

/**
 * A `tf.Optimizer` that runs a {@link Transform}: what {@link toOptimizer} and every named optimizer return.
 *
 * - `applyGradients(grads)` takes a `NamedTensorMap` or `NamedTensor[]` keyed by variable name, looks the variables
 *   up in the tfjs engine and runs one step through core's `applyTransform` (the one owner of the step's memory).
 *   Variables without a gradient (or with a `null` one) are skipped and keep their state, as PyTorch skips
 *   `grad is None`. State for a variable is created the first time it receives a gradient (PyTorch's lazy state).
 *   A gradient for an unknown variable, of the wrong shape or dtype, throws naming the variable, and the failed step
 *   changes no parameter and no state.
 * - `minimize(f)` (inherited) computes gradients with `tf.variableGrads`; gradients are registered on construction.
 * - `stateDict()` / `loadStateDict()`: the whole state (step counters included) keyed by variable name; the round
 *   trip is exact and a loaded state is validated against this optimizer's structure first.
 * - `getWeights()` / `setWeights()` / `getConfig()` follow tfjs, so `model.save(handler, { includeOptimizer: true })`
 *   saves the state and a loaded model gets the optimizer back (for named optimizers).
 */
export class TransformOptimizer extends tf.Optimizer {
  /** tfjs serialization class name. */
  static readonly className = 'nnopt.TransformOptimizer';

  /**
   * The transform this optimizer applies (the composed reference chain when it runs a fused step, see
   * {@link ToOptimizerOptions.fastPath}): use it directly in a custom loop or inside wrappers and chains.
   */
  readonly transform: Transform;
  /** `transform` with its state keys escaped: core's state helpers reject `/`, which tfjs variable names contain. */
  private readonly escaped: Transform;
  /** The state, keys escaped (see {@link escapeKey}). */
  private state: State = {};
  private readonly known = new Set<string>();
  private weightScalars: tf.Tensor[] = [];
  private readonly options: ToOptimizerOptions;

  constructor(transform: Transform, options: ToOptimizerOptions = {}) {
    super();
    ensureGradients();
    registerOptimizerClass();
    if (options.name !== undefined && options.factory !== undefined) registerOptimizer(options.name, options.factory);
    this.transform = transform;
    const run = options.fastPath ?? transform;
    this.escaped = {
      init: (params) => escapeTree(run.init(params)),
      update(updates, state, params) {
        const result = run.update(updates, mapTree(state, unescapeKey, same), params);
        return { updates: result.updates, state: escapeTree(result.state) };
      },
    };
    this.options = { ...options, config: options.config === undefined ? undefined : { ...options.config } };
  }

  /** Applies one step: `p <- p + u` with `u` the transform's updates for the given gradients. */
  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const grads = toGradMap(variableGradients);
    const params: TensorMap<tf.Variable> = {};
    const registry = tf.engine().registeredVariables;
    for (const [name, grad] of Object.entries(grads)) {
      const variable = registry[name];
      if (variable === undefined) throw new Error(`gradient for unknown variable '${name}'`);
      assertSameShape(`gradient of '${name}'`, variable.shape, grad.shape);
      if (grad.dtype !== 'float32') throw new Error(`gradient of '${name}' has dtype ${grad.dtype}, expected float32`);
      params[name] = variable;
    }
    const fresh = Object.keys(params).filter((name) => !this.known.has(name));
    let state = this.state;
    let created: tf.Tensor[] = [];
    if (fresh.length > 0) {
      const init = this.escaped.init(Object.fromEntries(fresh.map((name) => [name, params[name]!])));
      const { merged, unused } = mergeMissing(state, init);
      tf.dispose(unused);
      const old = new Set(stateTensors(state));
      created = stateTensors(merged).filter((t) => !old.has(t));
      state = merged;
    }
    try {
      this.state = applyTransform(this.escaped, state, params, grads);
    } catch (error) {
      tf.dispose(created);
      throw error;
    }
    // tfjs-layers runs minimize inside its own tf.tidy: keep the state, which outlives the step.
    keepAll(this.state);
    for (const name of fresh) this.known.add(name);
    this.incrementIterations();
  }

  /**
   * The optimizer's state: `{ iterations, transform }`, where `transform` is the transform's state tree (per-variable
   * entries keyed by variable name, `/` escaped as `%2F`) with step counters as numbers. The tensors are copies the
   * caller owns (dispose them, e.g. with `tf.dispose(stateTensors(dict))`). `saveState(opt.stateDict())` serializes it.
   */
  stateDict(): OptimizerStateDict {
    return {
      iterations: this.iterations,
      transform: mapTree(this.state, (key) => key, (leaf) => (typeof leaf === 'number' ? leaf : leaf.clone())),
    };
  }

  /**
   * Replaces the state with `dict` (from {@link stateDict}, possibly through `saveState`/`loadState`). The dict is
   * checked first against the structure this optimizer's transform builds for the variables it names: an entry for
   * a variable that does not exist, a missing entry, or a tensor of another shape or dtype throws an `Error` naming
   * the entry and the variable, and leaves the state unchanged. Tensors are copied (the caller keeps its own).
   */
  loadStateDict(dict: State): void {
    const iterations = dict.iterations;
    const transform = dict.transform;
    if (typeof iterations !== 'number' || transform === undefined || typeof transform === 'number' || isTensor(transform)) {
      throw new Error('loadStateDict expects { iterations: number, transform: State } as written by stateDict()');
    }
    this.replaceState(transform as State, false);
    this.iterations_ = iterations;
  }

  /** tfjs' weights: `[iterations, ...state]`, state entries named `nnopt/<path>`; the tensors are not copies. */
  override async getWeights(): Promise<NamedTensor[]> {
    tf.dispose(this.weightScalars);
    this.weightScalars = [];
    const scalar = (value: number) => {
      const dtype = Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? 'int32' : 'float32';
      const tensor = tf.scalar(value, dtype);
      this.weightScalars.push(tensor);
      return tensor;
    };
    const weights: NamedTensor[] = [{ name: 'iter', tensor: scalar(this.iterations) }];
    for (const [path, leaf] of flattenState(this.state)) {
      weights.push({ name: weightPrefix + path, tensor: typeof leaf === 'number' ? scalar(leaf) : leaf });
    }
    return weights;
  }

  /** Inverse of {@link getWeights}, validated like {@link loadStateDict}; the tensors are copied. */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const [first, ...rest] = weightValues;
    if (first === undefined) throw new Error('setWeights expects [iterations, ...state] as written by getWeights()');
    const iterations = (await first.tensor.data())[0]!;
    const entries: [string, StateLeaf][] = rest.map(({ name, tensor }) => {
      if (!name.startsWith(weightPrefix)) throw new Error(`optimizer weight '${name}' was not written by nnopt`);
      return [name.slice(weightPrefix.length), tensor];
    });
    this.replaceState(unflattenState(entries), true);
    this.iterations_ = iterations;
  }

  private replaceState(candidate: State, numbersAsTensors: boolean): void {
    const registry = tf.engine().registeredVariables;
    const variables = new Set([...treeKeys(candidate)].filter((key) => registry[unescapeKey(key)] !== undefined));
    const params: TensorMap = {};
    for (const key of variables) params[unescapeKey(key)] = registry[unescapeKey(key)]!;
    const reference = this.escaped.init(params);
    try {
      assertSameStructure(reference, candidate, variables, numbersAsTensors);
    } finally {
      tf.dispose(stateTensors(reference));
    }
    const next = mapTree(candidate, (key) => key, (leaf) => (typeof leaf === 'number' ? leaf : leaf.clone()));
    const restored = numbersAsTensors ? numbersFrom(next, reference) : next;
    tf.dispose(stateTensors(this.state));
    this.state = keepAll(restored);
    this.known.clear();
    for (const key of variables) this.known.add(unescapeKey(key));
  }

  /**
   * Sets the learning rate (a number or a schedule of the step) of an optimizer built with `injectHyperparams`
   * (every named optimizer is). Throws a `RangeError` for a negative number and an `Error` when the transform has
   * no `learningRate` hyperparameter.
   */
  setLearningRate(learningRate: ScheduleLike): void {
    const holder = (this.transform as Partial<HyperparamsHolder>).hyperparams;
    if (holder === undefined || !('learningRate' in holder)) {
      throw new Error('this optimizer has no learningRate hyperparameter: build its transform with injectHyperparams');
    }
    if (typeof learningRate === 'number' && !(Number.isFinite(learningRate) && learningRate >= 0)) {
      throw new RangeError(`learningRate must be a finite number >= 0, got ${learningRate}`);
    }
    (holder as { [name: string]: ScheduleLike }).learningRate = learningRate;
    const config = this.options.config;
    if (config !== undefined) {
      if (typeof learningRate === 'number') config.learningRate = learningRate;
      else delete config.learningRate;
    }
  }

  /** `{ name, ...options }` for named optimizers; a bare transform has no config and throws. */
  override getConfig(): tf.serialization.ConfigDict {
    const { name, config } = this.options;
    if (name === undefined) {
      throw new Error('this optimizer wraps a custom transform and has no config: save its state with stateDict()');
    }
    return { ...config, name };
  }

  /** Rebuilds a named optimizer from {@link getConfig}'s output (tfjs calls it when loading a model). */
  static override fromConfig<T extends tf.serialization.Serializable>(
    _cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const name = config.name;
    const factory = typeof name === 'string' ? factories.get(name) : undefined;
    if (factory === undefined) {
      throw new Error(`unknown nnopt optimizer '${String(name)}': create one (or call registerOptimizers()) before loading`);
    }
    const { name: _, ...options } = config;
    return factory(options) as unknown as T;
  }

  /** Disposes the state tensors. */
  override dispose(): void {
    tf.dispose(stateTensors(this.state));
    tf.dispose(this.weightScalars);
    this.weightScalars = [];
    this.state = {};
    this.known.clear();
  }
}

const same = (leaf: StateLeaf): StateLeaf => leaf;

function keepAll(state: State): State {
  for (const tensor of stateTensors(state)) tf.keep(tensor);
  return state;
}
const escapeTree = (state: State): State => mapTree(state, escapeKey, same);

function isTensor(node: unknown): node is tf.Tensor {
  return node instanceof tf.Tensor;
}

/** Where `reference` holds a number, reads it from the scalar tensor in `tree` (disposing that copy). */
function numbersFrom(tree: State, reference: State): State {
  const out: Record<string, StateLeaf | State> = {};
  for (const [key, node] of Object.entries(tree)) {
    const ref = reference[key];
    if (typeof ref === 'number' && isTensor(node)) {
      out[key] = node.dataSync()[0]!;
      node.dispose();
    } else if (ref !== undefined && !isTensor(ref) && typeof ref !== 'number' && !isTensor(node) && typeof node !== 'number') {
      out[key] = numbersFrom(node, ref);
    } else out[key] = node;
  }
  return out;
}

function toGradMap(grads: tf.NamedTensorMap | NamedTensor[]): TensorMap {
  if (!Array.isArray(grads)) {
    return Object.fromEntries(Object.entries(grads).filter(([, t]) => t != null));
  }
  const map: TensorMap = {};
  for (const { name, tensor } of grads) {
    if (tensor == null) continue;
    if (name in map) throw new Error(`two gradients for variable '${name}'`);
    map[name] = tensor;
  }
  return map;
}

/**
 * Registers a named optimizer's factory for `fromConfig` (named optimizers do it when built; call it, or
 * `registerOptimizers()`, before loading a saved model in a process that has not built one yet).
 */
export function registerOptimizer(name: string, factory: (config: tf.serialization.ConfigDict) => tf.Optimizer): void {
  registerOptimizerClass();
  factories.set(name, factory);
}

/** Registers the adapter class with tfjs serialization (idempotent; done when the first optimizer is built). */
export function registerOptimizerClass(): void {
  if (classRegistered) return;
  tf.serialization.registerClass(TransformOptimizer);
  classRegistered = true;
}

/**
 * Makes a {@link Transform} a `tf.Optimizer` (a {@link TransformOptimizer}): `instanceof tf.Optimizer` holds, so it
 * works with `model.compile({ optimizer })`, `optimizer.minimize(f)` and `optimizer.applyGradients(grads)`.
 * The transform's updates are added to the variables (`p <- p + u`), so it must include the step size
 * (`scaleByLearningRate`). `options` make it serializable through `getConfig`/`fromConfig` (named optimizers pass
 * them; a bare transform can still save and restore its state with `stateDict`/`loadStateDict`).
 *
 * @example
 * const opt = toOptimizer(chain(clipByGlobalNorm(1), scaleByAdam(), scaleByLearningRate(1e-3)));
 * opt.minimize(() => loss());
 */
export function toOptimizer(transform: Transform, options: ToOptimizerOptions = {}): TransformOptimizer {
  return new TransformOptimizer(transform, options);
}
