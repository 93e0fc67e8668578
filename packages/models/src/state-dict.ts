import * as tf from '@tensorflow/tfjs-core';
import { loadTensors, saveTensors, type TensorMap } from '@nnopt/core';
import { namedModules, type Module, type TorchLayout } from './module';
import { fromTorchLayout, toTorchLayout, torchShape } from './parameter';

/** Every parameter and buffer of `module` with its PyTorch layout. */
function entries(module: Module): Map<string, { variable: tf.Variable; layout: TorchLayout | undefined }> {
  const out = new Map<string, { variable: tf.Variable; layout: TorchLayout | undefined }>();
  for (const [prefix, m] of namedModules(module)) {
    const p = prefix ? `${prefix}.` : '';
    for (const [name, variable] of Object.entries(m.parameters)) out.set(p + name, { variable, layout: m.layouts[name] });
    for (const [name, variable] of Object.entries(m.buffers)) out.set(p + name, { variable, layout: m.layouts[name] });
  }
  return out;
}

/**
 * `module.state_dict()`: copies of every parameter and buffer under PyTorch's names **and layouts** (conv weights
 * OIHW), parameters and buffers interleaved per module as PyTorch orders them. The caller owns the tensors.
 */
export function stateDict(module: Module): TensorMap {
  const out: TensorMap = {};
  for (const [name, { variable, layout }] of entries(module)) out[name] = toTorchLayout(variable, layout);
  return out;
}

/** Options of {@link loadStateDict}. */
export interface LoadStateDictOptions {
  /** Require the keys to match exactly (PyTorch's `strict=True`). Default true. */
  strict?: boolean;
  /** Names the source in error messages. Default `'state dict'`. */
  source?: string;
}

/** What {@link loadStateDict} did: keys the module has but the source lacked, and the reverse (both empty when strict). */
export interface LoadStateDictResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * `module.load_state_dict(state)`: assigns tensors given under PyTorch names and layouts (a {@link TensorMap}, or
 * safetensors bytes such as a file written from `model.state_dict()` in Python). Everything is validated first:
 * missing keys, unexpected keys (when `strict`) and shape mismatches are all listed in one `Error`, and a failed
 * load changes nothing. Float values are cast to the variable's dtype (int64 counters arrive as int32).
 * Tensors passed in stay the caller's.
 */
export function loadStateDict(module: Module, source: TensorMap | Uint8Array, options: LoadStateDictOptions = {}): LoadStateDictResult {
  const { strict = true, source: label = 'state dict' } = options;
  const owned = source instanceof Uint8Array;
  const tensors = owned ? loadTensors(source, label).tensors : source;
  try {
    const targets = entries(module);
    const missingKeys = [...targets.keys()].filter((k) => !(k in tensors));
    const unexpectedKeys = Object.keys(tensors).filter((k) => !targets.has(k));
    const problems: string[] = [];
    for (const [name, { variable, layout }] of targets) {
      const t = tensors[name];
      const expected = torchShape(variable.shape, layout);
      if (t && t.shape.join() !== expected.join()) {
        problems.push(`  size mismatch for ${name}: got [${t.shape.join(', ')}], the model has [${expected.join(', ')}]`);
      }
    }
    if (strict && missingKeys.length > 0) problems.push(`  missing keys: ${missingKeys.join(', ')}`);
    if (strict && unexpectedKeys.length > 0) problems.push(`  unexpected keys: ${unexpectedKeys.join(', ')}`);
    if (problems.length > 0) throw new Error(`error(s) loading ${label} into ${module.type}:\n${problems.join('\n')}`);
    for (const [name, { variable, layout }] of targets) {
      const t = tensors[name];
      if (t === undefined) continue;
      const value = tf.tidy(() => fromTorchLayout(t.dtype === variable.dtype ? t : tf.cast(t, variable.dtype), layout));
      variable.assign(value);
      value.dispose();
    }
    return { missingKeys, unexpectedKeys };
  } finally {
    if (owned) for (const t of Object.values(tensors)) t.dispose();
  }
}

/** {@link stateDict} as safetensors bytes that `safetensors.torch.load_file` reads back into the PyTorch model. */
export async function saveStateDict(module: Module, metadata: { [key: string]: string } = {}): Promise<Uint8Array> {
  const tensors = stateDict(module);
  try {
    return await saveTensors(tensors, metadata);
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
}
