import * as tf from '@tensorflow/tfjs-core';
import { assertOption, type PRNGKey } from '@nnopt/core';

/**
 * Options shared by the dropout family. The ops are pure functions of `(x, key)`: the same key gives the same mask
 * on every backend (masks are drawn with core's host-side Threefry), and a model derives one key per layer and
 * step with `foldIn`/`split`.
 */
export interface DropoutOptions {
  /** Probability of dropping a unit (PyTorch `p`). Default 0.5 unless the op says otherwise. */
  readonly rate?: number;
  /** Seed of the mask; required when `training` is true and `rate > 0`. */
  readonly key?: PRNGKey;
  /** `false` (evaluation) returns `x` itself, untouched and uncopied. */
  readonly training: boolean;
}

/**
 * Validates `x` and the options of the dropout op `op` before any work: a float32 tensor of rank in `ranks`
 * (an Error naming `x`), `rate` in `[0, maxRate]` (a RangeError naming `rate`), a key when one is needed.
 * Returns whether the op must draw a mask (training with `rate > 0`).
 */
export function checkDropout(
  op: string,
  x: tf.Tensor,
  { rate, key, training }: { rate: number; key?: PRNGKey; training: boolean },
  { minRank = 0, exactRank, rateClosed = true }: { minRank?: number; exactRank?: number; rateClosed?: boolean } = {},
): boolean {
  if (!(x instanceof tf.Tensor)) throw new TypeError(`${op}: x must be a tf.Tensor`);
  if (x.dtype !== 'float32') throw new TypeError(`${op}: x must be float32, got ${x.dtype}`);
  if (exactRank !== undefined && x.rank !== exactRank) {
    throw new Error(`${op}: x must have rank ${exactRank} (NHWC), got shape [${x.shape.join(', ')}]`);
  }
  if (x.rank < minRank) throw new Error(`${op}: x must have rank >= ${minRank}, got shape [${x.shape.join(', ')}]`);
  const inRange = Number.isFinite(rate) && rate >= 0 && (rateClosed ? rate <= 1 : rate < 1);
  assertOption(inRange, 'rate', rate, rateClosed ? 'in [0, 1]' : 'in [0, 1)');
  if (typeof training !== 'boolean') throw new TypeError(`${op}: training must be a boolean, got ${String(training)}`);
  const active = training && rate > 0;
  if (active) checkKey(op, key);
  return active;
}

function checkKey(op: string, key: PRNGKey | undefined): void {
  const ok =
    Array.isArray(key) &&
    key.length === 2 &&
    key.every((w: unknown) => typeof w === 'number' && Number.isInteger(w) && w >= 0 && w < 2 ** 32);
  if (!ok) throw new TypeError(`${op}: key must be a PRNGKey (two uint32 words, from prngKey/split/foldIn) when training`);
}

/** `x * mask / (1 - rate)`: the inverted-dropout kernel shared by dropout, spatialDropout2d and dropPath. */
export function applyDropoutMask(x: tf.Tensor, mask: tf.Tensor, rate: number): tf.Tensor {
  return tf.tidy(() => (rate >= 1 ? tf.zerosLike(x) : tf.mul(x, tf.div(mask, 1 - rate))));
}
