import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `fn` and throws when it leaves more live tensors behind than it found (`extra` allows for tensors `fn`
 * deliberately returns or keeps). Resolves to what `fn` returned.
 */
export async function expectNoLeaks<T>(fn: () => T | Promise<T>, { extra = 0 }: { extra?: number } = {}): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const leaked = tf.memory().numTensors - before - extra;
  if (leaked > 0) throw new Error(`leaked ${leaked} tensor(s): ${before} live before, ${tf.memory().numTensors} after`);
  return result;
}

/**
 * Asserts a repeated operation (an optimizer or training step) keeps the number of live tensors flat: after
 * `warmup` calls (which may create state), `steps` more calls must not change `tf.memory().numTensors`.
 */
export async function expectFlatMemory(
  step: () => unknown,
  { warmup = 1, steps = 3 }: { warmup?: number; steps?: number } = {},
): Promise<void> {
  for (let i = 0; i < warmup; i++) await step();
  const before = tf.memory().numTensors;
  for (let i = 0; i < steps; i++) await step();
  const after = tf.memory().numTensors;
  if (after !== before) {
    throw new Error(`tensor count grew from ${before} to ${after} over ${steps} steps (${(after - before) / steps} per step)`);
  }
}
