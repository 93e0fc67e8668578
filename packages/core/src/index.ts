export { applyTransform } from './apply-transform';
export { BackendUnavailableError, useBackend, type BackendName } from './backend';
export { runCallbacks, type Callback, type CallbackHook, type Logs, type TrainingContext } from './callbacks';
export { chain, identity } from './chain';
export type { ForwardOptions, TrainableModel } from './model';
export { ensureGradients } from './gradients';
export { assertInRange, assertInteger, assertNonNegative, assertOption, assertPositive } from './options';
export {
  bernoulli,
  foldIn,
  normal,
  normalValues,
  permutation,
  prngKey,
  randomBits,
  split,
  threefry2x32,
  uniform,
  uniformValues,
  type PRNGKey,
} from './rng';
export { valueAt, type Schedule, type ScheduleLike } from './schedule';
export {
  decodeSafetensors,
  encodeSafetensors,
  SafetensorsError,
  type SafetensorsDtype,
  type SafetensorsEntry,
  type SafetensorsFile,
} from './safetensors';
export { loadState, loadTensors, saveState, saveTensors } from './serialize';
export { flattenState, isStateLeaf, stateTensors, unflattenState, type State, type StateLeaf } from './state';
export { assertSameShape, disposeTensors, globalNorm, mapTensors, zipTensors, type TensorMap } from './tensor-map';
export type { ParamMap, Transform, TransformResult } from './transform';
