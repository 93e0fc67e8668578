import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { applyTransform, flattenState, stateTensors, type State, type TensorMap, type Transform } from '@nnopt/core';
import { expectFlatMemory, expectNoLeaks } from '@nnopt/core/testing';

// Test-only (not exported from the package): the contract every part-B transform keeps.

/**
 * Steps `tx` through core's `applyTransform` and checks: (1) `tf.memory().numTensors` is flat after the first step;
 * (2) a variable without a gradient (`untouched`) keeps its value and every state leaf under its name is the same
 * tensor or number as before; (3) disposing the state and variables leaves no tensor behind.
 */
export async function expectTransformContract(tx: Transform, { steps = 3 }: { steps?: number } = {}): Promise<void> {
  await expectNoLeaks(async () => {
    const params: TensorMap<tf.Variable> = tf.tidy(() => ({
      weight: tf.variable(tf.tensor([[0.5, -1, 2], [1.5, 0.25, -0.75]])),
      untouched: tf.variable(tf.tensor([0.3, -0.2, 0.1])),
    }));
    let state: State = tx.init(params);
    const grads: TensorMap = { weight: tf.tensor([[0.1, -0.4, 0.3], [0.2, 0.5, -0.6]]) };
    const leavesOf = (s: State) => [...flattenState(s)].filter(([path]) => path.split('/').includes('untouched'));
    const before = leavesOf(state);
    await expectFlatMemory(() => (state = applyTransform(tx, state, params, grads)), { warmup: 1, steps });
    const after = new Map(leavesOf(state));
    expect(after.size).toBe(before.length);
    for (const [path, leaf] of before) expect(after.get(path), `state '${path}' of a variable without gradient`).toBe(leaf);
    expect([...params.untouched!.dataSync()]).toEqual([...new Float32Array([0.3, -0.2, 0.1])]);
    tf.dispose([...stateTensors(state), ...Object.values(params), ...Object.values(grads)]);
  });
}

/** Runs `tx` once on `grads` (params default to the grads) and returns the updates as plain arrays. */
export function updatesOnce(tx: Transform, grads: TensorMap, params: TensorMap = grads, state?: State): { [name: string]: number[] } {
  return tf.tidy(() => {
    const { updates } = tx.update(grads, state ?? tx.init(params), params);
    return Object.fromEntries(Object.entries(updates).map(([name, u]) => [name, [...u.dataSync()]]));
  });
}
