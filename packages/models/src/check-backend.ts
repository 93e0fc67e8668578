import * as tf from '@tensorflow/tfjs-core';
import {
  getKernel,
  getKernelsForBackend,
  registerKernel,
  unregisterKernel,
  type KernelBackend,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { ensureGradients, type PRNGKey, type TrainableModel } from '@nnopt/core';
import { wasmTrainingKernelNames } from './kernels/register-wasm-training-kernels';

/** Options of {@link checkBackend}. */
export interface CheckBackendOptions {
  /** Forward mode of the dry pass. Default `true`: training kernels (dropout, batch statistics) are what fail. */
  readonly training?: boolean;
  /** Key for stochastic layers, passed to `forward`. Default none. */
  readonly key?: PRNGKey;
}

/** What {@link checkBackend} found. */
export interface BackendReport {
  /** The tfjs backend checked (the active one). */
  readonly backend: string;
  /** True when the forward and backward pass ran with no missing kernel and no other error. */
  readonly ok: boolean;
  /** Kernels the pass needs that the backend lacks, in the order first needed. */
  readonly missingKernels: readonly string[];
  /** Every kernel the pass ran, sorted (forward, backward and kernels nested in kernels). Empty if it stopped early. */
  readonly kernels: readonly string[];
  /** Any other failure of the pass (a missing gradient function, an unsupported attribute, ...). */
  readonly error?: string;
  /** One readable paragraph: what is missing and what to do about it. */
  readonly message: string;
}

const notRegistered = /Kernel '([^']+)' not registered for backend/;

/**
 * A dry forward and backward pass of `model` on `sampleInput` with the active backend, reporting every kernel the
 * backend lacks, before training starts. The loss is `sum(forward(x))`, differentiated with respect to every
 * parameter; nothing is updated, buffers (BatchNorm running statistics) are restored afterwards and no tensor is left
 * behind.
 *
 * To list all missing kernels rather than only the first, each kernel the cpu backend has and the checked backend
 * lacks is bridged for the duration of the pass: it is recorded, its inputs are copied to the cpu backend, computed
 * there and copied back, so the pass runs to the end. Without the cpu backend (or when checking the cpu backend
 * itself) the pass stops at the first missing kernel, which the report names. Never throws for a failing pass: read
 * `ok` and `message`.
 *
 * @example
 * ```ts
 * const report = await checkBackend(model, tf.zeros([2, 32, 32, 3]));
 * if (!report.ok) throw new Error(report.message);
 * ```
 */
export async function checkBackend(
  model: TrainableModel,
  sampleInput: tf.Tensor,
  { training = true, key }: CheckBackendOptions = {},
): Promise<BackendReport> {
  ensureGradients();
  const backend = tf.getBackend();
  const missing: string[] = [];
  const bridged = bridgeMissingKernels(backend, missing);
  // Without bridges (no cpu backend, or checking cpu itself) the first missing kernel stops the pass.
  const complete = bridged != null;
  const buffers = Object.entries(model.namedBuffers()).map(([name, v]) => [v, tf.clone(v), name] as const);
  let kernels: string[] = [];
  let error: string | undefined;
  try {
    const profile = await tf.profile(() => {
      tf.tidy(() => {
        const params = Object.values(model.namedParameters());
        const loss = () => tf.sum(tf.cast(model.forward(sampleInput, { training, ...(key ? { key } : {}) }), 'float32')) as tf.Scalar;
        if (params.length === 0) loss();
        else tf.variableGrads(loss, params);
      });
    });
    kernels = [...new Set(profile.kernelNames)].sort();
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    const kernel = notRegistered.exec(message)?.[1];
    if (kernel != null) missing.push(kernel);
    else error = message;
  } finally {
    for (const name of bridged ?? []) unregisterKernel(name, backend);
    for (const [variable, saved] of buffers) {
      variable.assign(saved);
      saved.dispose();
    }
  }
  const unique = [...new Set(missing)];
  return { backend, ok: unique.length === 0 && error == null, missingKernels: unique, kernels, ...(error != null ? { error } : {}), message: describe(backend, unique, error, complete) };
}

function describe(backend: string, missing: string[], error: string | undefined, complete: boolean): string {
  const parts: string[] = [];
  if (missing.length > 0) {
    parts.push(`backend '${backend}' lacks ${missing.length === 1 ? 'a kernel' : `${missing.length} kernels`} this model needs for training: ${missing.join(', ')}.`);
    if (!complete) parts.push('The pass stopped at the first missing kernel; others may follow.');
    if (missing.some((k) => wasmTrainingKernelNames.includes(k))) {
      parts.push(`Call registerWasmTrainingKernels(${backend === 'wasm' ? '' : `'${backend}'`}) from @nnopt/models before training.`);
    }
    const rest = missing.filter((k) => !wasmTrainingKernelNames.includes(k));
    if (rest.length > 0) parts.push(`No nnopt kernel provides ${rest.join(', ')}: use another backend (e.g. 'cpu') for this model.`);
  }
  if (error != null) parts.push(`The dry forward/backward pass on '${backend}' failed: ${error}`);
  return parts.length > 0 ? parts.join(' ') : `backend '${backend}' runs the forward and backward pass of this model.`;
}

/**
 * Registers, for `backend`, a recording bridge to the cpu backend's kernel for each kernel cpu has and `backend`
 * lacks. Returns the names registered (to unregister afterwards), or `undefined` when no bridge is possible (the cpu
 * backend is unavailable or is the one checked).
 */
function bridgeMissingKernels(backend: string, missing: string[]): string[] | undefined {
  if (backend === 'cpu' || tf.findBackendFactory('cpu') == null) return undefined;
  const cpu = tf.findBackend('cpu') as KernelBackend | null;
  if (cpu == null) return undefined;
  const names: string[] = [];
  for (const config of getKernelsForBackend('cpu')) {
    if (getKernel(config.kernelName, backend) != null) continue;
    const kernelFunc: KernelFunc = ({ inputs, attrs, backend }) => {
      const target = backend as KernelBackend;
      missing.push(config.kernelName);
      const toCpu = Object.fromEntries(
        Object.entries(inputs).map(([k, info]) => [k, copy(info!, target, cpu)]),
      );
      const out = config.kernelFunc({ inputs: toCpu, attrs, backend: cpu });
      const outs = Array.isArray(out) ? out : [out];
      const back = outs.map((info) => copy(info, cpu, target));
      for (const info of [...Object.values(toCpu), ...outs]) cpu.disposeData(info.dataId);
      return Array.isArray(out) ? back : back[0]!;
    };
    registerKernel({ kernelName: config.kernelName, backendName: backend, kernelFunc });
    names.push(config.kernelName);
  }
  return names;
}

function copy(info: TensorInfo, from: KernelBackend, to: KernelBackend): TensorInfo {
  const values = from.readSync(info.dataId) as tf.backend_util.BackendValues;
  return { dataId: to.write(values, info.shape, info.dtype), shape: info.shape, dtype: info.dtype };
}
