import * as tf from '@tensorflow/tfjs-core';
import { disposeTensors, type State, type TensorMap } from '@nnopt/core';
import { cloneMap, loadNumber, loadTensorMap } from './weights';

/**
 * The averaged-weights store shared by {@link ema} and {@link swa}: one tensor per variable plus an update count,
 * owned here (replaced tensors are disposed), checkpointed as `{ [countKey]: n, [mapKey]: { name: tensor } }`.
 */
export function runningAverage(who: string, countKey: string, mapKey: string) {
  let average: TensorMap = {};
  let count = 0;
  return {
    get average(): TensorMap {
      return average;
    },
    get count(): number {
      return count;
    },
    get empty(): boolean {
      return Object.keys(average).length === 0;
    },
    /** Starts the average as copies of `variables`, with the given count. */
    init(variables: TensorMap, n: number): void {
      const copy = cloneMap(variables);
      disposeTensors(average);
      average = copy;
      count = n;
    },
    /** `a <- blend(a, w)` for every averaged variable, in one tidy; a variable gone from `variables` throws. */
    update(variables: TensorMap, blend: (a: tf.Tensor, w: tf.Tensor) => tf.Tensor): void {
      const next = tf.tidy(() => {
        const out: TensorMap = {};
        for (const [name, a] of Object.entries(average)) {
          const w = variables[name];
          if (w === undefined) throw new Error(`${who}: variable '${name}' is no longer in ctx.variables()`);
          out[name] = blend(a, w);
        }
        return out;
      });
      disposeTensors(average);
      average = next;
      count += 1;
    },
    stateDict: (): State => ({ [countKey]: count, [mapKey]: average }),
    loadStateDict(state: State): void {
      const n = loadNumber(state, countKey, `${who}.loadStateDict`);
      const loaded = loadTensorMap(state, mapKey, `${who}.loadStateDict`);
      disposeTensors(average);
      average = loaded;
      count = n;
    },
    dispose(): void {
      disposeTensors(average);
      average = {};
      count = 0;
    },
  };
}
