import { useBackend } from '@nnopt/core';
import { registerWasmTrainingKernels } from '@nnopt/models';
import type { Recipe } from './recipe';

/** Activates the recipe's backend and registers the gradient kernels stock tfjs lacks there. */
export async function startBackend(backend: Recipe['backend'], log: (message: string) => void): Promise<string> {
  const name = await useBackend(backend, { log });
  if (name === 'wasm') registerWasmTrainingKernels();
  return name;
}
