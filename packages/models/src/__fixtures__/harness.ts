// Test-only helpers: load the PyTorch fixtures written by tools/fixtures/models.py and compare a module with them.
import * as tf from '@tensorflow/tfjs-core';
import { disposeTensors, ensureGradients, loadTensors, type TensorMap } from '@nnopt/core';
import { expectClose, expectNoLeaks } from '@nnopt/core/testing';
import { registerWasmTrainingKernels } from '../kernels/register-wasm-training-kernels';
import { namedModules, type Module, type TorchLayout } from '../module';
import { toTorchLayout } from '../parameter';
import { loadStateDict } from '../state-dict';

/**
 * The bytes of a fixture file in this folder, or null when there is none. In Node they are read from the disk; in
 * the browser harness (tools/browser) the page fetches them from the Vite dev server, which serves the repository.
 */
export async function optionalFixtureBytes(file: string): Promise<Uint8Array | null> {
  const url = new URL(`./${file}`, import.meta.url);
  if (typeof window !== 'undefined') {
    const response = await fetch(url);
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  }
  const { readFile } = await import('node:fs/promises');
  return readFile(url).then(
    (bytes) => new Uint8Array(bytes),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    },
  );
}

/** The bytes of a fixture file in this folder; throws naming the file when it is missing. */
export async function fixtureBytes(file: string): Promise<Uint8Array> {
  const bytes = await optionalFixtureBytes(file);
  if (bytes === null) throw new Error(`fixture ${file} not found: run tools/fixtures/models.py`);
  return bytes;
}

/** Registers the wasm training kernels (a no-op where the backend has them), so wasm gradients run. */
export function prepareBackend(): void {
  ensureGradients();
  registerWasmTrainingKernels();
}

function layouts(module: Module): Map<string, TorchLayout | undefined> {
  const out = new Map<string, TorchLayout | undefined>();
  for (const [prefix, m] of namedModules(module)) {
    for (const name of Object.keys(m.parameters)) out.set(prefix ? `${prefix}.${name}` : name, m.layouts[name]);
  }
  return out;
}

/** Tolerance of every parity check: the acceptance bound 1e-4 (absolute and relative). */
export const parityTolerance = { rtol: 1e-4, atol: 1e-4 };

/**
 * Loads `<name>.safetensors` into `module` by name, runs the training forward on the fixture input, and checks the
 * output, d(sum(output * cotangent)) for the input and every parameter, the buffers after the step and the
 * eval-mode output against PyTorch. Disposes the module; asserts no tensor is left behind.
 */
export async function expectTorchParity(makeModule: () => Module, name: string, { training = true } = {}): Promise<void> {
  const module = makeModule();
  const stateless = Object.keys(module.namedParameters()).length + Object.keys(module.namedBuffers()).length === 0;
  // Parameter-free modules (activations, pools) have no weights file; every other module must load one.
  const weights = stateless ? await optionalFixtureBytes(`${name}.safetensors`) : await fixtureBytes(`${name}.safetensors`);
  const ioBytes = await fixtureBytes(`${name}.io.safetensors`);
  try {
    await expectNoLeaks(() => {
      if (weights) loadStateDict(module, weights, { source: `${name}.safetensors` });
      const io = loadTensors(ioBytes).tensors;
      const params = module.namedParameters();
      const isInt = io.input!.dtype === 'int32';
      const x = isInt ? io.input! : tf.variable(io.input!, true);
      let output: tf.Tensor | undefined;
      const { value, grads } = tf.variableGrads(() => {
        const y = module.forward(x, { training });
        output = tf.keep(y);
        return tf.sum(tf.mul(y, io.cotangent!)) as tf.Scalar;
      }, [...Object.values(params), ...(isInt ? [] : [x as tf.Variable])]);
      const byVariable = new Map(Object.entries(grads).map(([id, g]) => [id, g]));
      try {
        expectClose(output!, io.output!, parityTolerance, `${name}: output`);
        if (!isInt) expectClose(byVariable.get((x as tf.Variable).name)!, io['grad.input']!, parityTolerance, `${name}: grad of input`);
        const layoutOf = layouts(module);
        for (const [pname, p] of Object.entries(params)) {
          const g = byVariable.get(p.name);
          if (g === undefined) throw new Error(`${name}: no gradient for ${pname}`);
          const torchGrad = tf.tidy(() => toTorchLayout(g, layoutOf.get(pname)));
          try {
            expectClose(torchGrad, io[`grad.${pname}`]!, parityTolerance, `${name}: grad of ${pname}`);
          } finally {
            torchGrad.dispose();
          }
        }
        const expectedGrads = Object.keys(io).filter((k) => k.startsWith('grad.') && k !== 'grad.input');
        if (expectedGrads.length !== Object.keys(params).length) {
          throw new Error(`${name}: PyTorch has ${expectedGrads.length} parameters, the module ${Object.keys(params).length}`);
        }
        for (const [bname, b] of Object.entries(module.namedBuffers())) {
          const after = io[`after.${bname}`];
          if (after) expectClose(b.dtype === 'int32' ? Array.from(b.dataSync()) : b, after.dtype === 'int32' ? Array.from(after.dataSync()) : after, parityTolerance, `${name}: buffer ${bname}`);
        }
        if (io.output_eval) {
          const evalOut = module.forward(x, { training: false });
          expectClose(evalOut, io.output_eval, parityTolerance, `${name}: eval output`);
          evalOut.dispose();
        }
      } finally {
        value.dispose();
        output?.dispose();
        disposeTensors(grads as TensorMap);
        if (!isInt) x.dispose();
        disposeTensors(io);
      }
    });
  } finally {
    module.dispose();
  }
}
