import * as tf from '@tensorflow/tfjs-core';
import { loadState, saveState, stateTensors, type Callback, type Logs, type State, type TensorMap, type TrainableModel } from '@nnopt/core';
import type { Metric } from './metrics/metric';

/** Where a run stands: the next batch to run is `batch` of `epoch`; `step` optimizer steps were taken. */
export interface Progress {
  readonly epoch: number;
  readonly batch: number;
  readonly step: number;
}

/** Everything a run needs to continue exactly where it stopped. */
export interface RunState {
  readonly model: TrainableModel;
  readonly optimizer: tf.Optimizer;
  readonly metrics: readonly Metric[];
  readonly callbacks: readonly Callback[];
}

interface StatefulOptimizer {
  stateDict?(): State;
  loadStateDict?(state: State): void;
}

const FORMAT = 'nnopt-checkpoint/1';

/**
 * Serializes the full training state to safetensors bytes: model parameters and buffers (by name), optimizer
 * state (`stateDict()` of nnopt optimizers, else `getWeights()` of tfjs ones), metric partial sums, callback
 * states, the progress and the completed epochs' logs (metadata `history`). The data order and random keys are
 * pure functions of the seed, epoch and batch, so the progress is enough to replay them.
 */
export async function snapshot(run: RunState, progress: Progress, seed: number, history: readonly Logs[]): Promise<Uint8Array> {
  const optimizer = run.optimizer as tf.Optimizer & StatefulOptimizer;
  // nnopt optimizers return copies keyed by tfjs variable name; tfjs ones return their live variables.
  const copies = typeof optimizer.stateDict === 'function';
  const raw: State = copies
    ? optimizer.stateDict!()
    : Object.fromEntries((await optimizer.getWeights()).map((w) => [w.name, w.tensor]));
  const optimizerState = renameKeys(raw, variableKeys(run.model, 'save'));
  const state: State = {
    params: run.model.namedParameters(),
    buffers: run.model.namedBuffers(),
    optimizer: optimizerState,
    metrics: Object.fromEntries(run.metrics.map((m) => [m.name, m.stateDict()])),
    callbacks: Object.fromEntries(run.callbacks.filter((c) => c.stateDict && c.name).map((c) => [c.name!, c.stateDict!()])),
    progress: { epoch: progress.epoch, batch: progress.batch, step: progress.step, seed },
  };
  const bytes = await saveState(state, { format: FORMAT, history: JSON.stringify(history) });
  if (copies) tf.dispose(stateTensors(raw));
  return bytes;
}

/** Restores {@link snapshot} bytes into the run; returns the progress, seed and history. `source` names the file in errors. */
export async function restore(
  run: RunState,
  bytes: Uint8Array,
  source = 'checkpoint',
): Promise<{ progress: Progress; seed: number; history: Logs[] }> {
  const { state, metadata } = loadState(bytes, source);
  const owned = stateTensors(state);
  try {
    if (metadata.format !== FORMAT) throw new Error(`${source}: not an nnopt checkpoint (format ${JSON.stringify(metadata.format)})`);
    const section = (key: string): State => {
      const value = state[key];
      if (value === undefined || typeof value === 'number' || value instanceof tf.Tensor) throw new Error(`${source}: missing section '${key}'`);
      return value as State;
    };
    const params = run.model.namedParameters();
    const buffers = run.model.namedBuffers();
    checkAll(params, section('params'), `${source}: parameter`);
    checkAll(buffers, section('buffers'), `${source}: buffer`);
    const optimizer = run.optimizer as tf.Optimizer & StatefulOptimizer;
    const optimizerState = renameKeys(section('optimizer'), variableKeys(run.model, 'load'));
    if (typeof optimizer.loadStateDict === 'function') optimizer.loadStateDict(optimizerState);
    else await optimizer.setWeights(Object.entries(optimizerState).map(([name, tensor]) => ({ name, tensor: tensor as tf.Tensor })));
    // Only now that the optimizer accepted its state do the model's variables change.
    for (const [name, variable] of Object.entries({ ...params, ...buffers })) {
      variable.assign((section(name in params ? 'params' : 'buffers')[name]) as tf.Tensor);
    }
    const metrics = section('metrics');
    for (const metric of run.metrics) metric.loadStateDict((metrics[metric.name] ?? {}) as { [k: string]: number });
    const callbacks = section('callbacks');
    for (const callback of run.callbacks) {
      const saved = callback.name ? callbacks[callback.name] : undefined;
      if (saved !== undefined && callback.loadStateDict) callback.loadStateDict(saved as State);
    }
    const p = section('progress') as { epoch: number; batch: number; step: number; seed: number };
    return { progress: { epoch: p.epoch, batch: p.batch, step: p.step }, seed: p.seed, history: JSON.parse(metadata.history ?? '[]') };
  } finally {
    // Optimizers and callbacks copy what they keep; the loaded tensors are ours to free.
    tf.dispose(owned);
  }
}

function checkAll(targets: TensorMap<tf.Variable>, saved: State, what: string): void {
  for (const name of Object.keys(targets)) {
    const value = saved[name];
    if (!(value instanceof tf.Tensor)) throw new Error(`${what} '${name}' is missing`);
    if (value.shape.join() !== targets[name]!.shape.join()) {
      throw new Error(`${what} '${name}' has shape [${value.shape.join(', ')}], the model expects [${targets[name]!.shape.join(', ')}]`);
    }
  }
  for (const name of Object.keys(saved)) if (!(name in targets)) throw new Error(`${what} '${name}' is not in the model`);
}

/**
 * Optimizer state is keyed by tfjs variable names, which are unique per process and differ between runs. In a
 * checkpoint those keys become the model's own names (`@fc1.weight`), so a new process with a new model instance can
 * load it. Keys appear raw (tfjs optimizers) or with nnopt's escaping of `/` and `%`.
 */
function variableKeys(model: TrainableModel, direction: 'save' | 'load'): Map<string, string> {
  const escape = (key: string) => key.replace(/%/g, '%25').replace(/\//g, '%2F');
  const pairs = Object.entries({ ...model.namedParameters(), ...model.namedBuffers() }).flatMap(([name, variable]) => [
    [variable.name, `@${name}`],
    [escape(variable.name), `@${escape(name)}`],
  ]);
  return new Map(pairs.map(([a, b]) => (direction === 'save' ? [a!, b!] : [b!, a!])));
}

function renameKeys(state: State, names: Map<string, string>): State {
  return Object.fromEntries(
    Object.entries(state).map(([key, value]) => [
      names.get(key) ?? key,
      typeof value === 'number' || value instanceof tf.Tensor ? value : renameKeys(value as State, names),
    ]),
  );
}
