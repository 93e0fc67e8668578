import * as tf from '@tensorflow/tfjs-core';

/**
 * Tensors keyed by variable name: parameters, gradients, updates and per-parameter optimizer state all use it.
 * State is keyed by name, never by position, so checkpoints survive reordering and partial models.
 */
export type TensorMap<T extends tf.Tensor = tf.Tensor> = { [name: string]: T };

/** Applies `fn` to every entry of `map`, keeping the names. */
export function mapTensors<T extends tf.Tensor, R extends tf.Tensor>(
  map: TensorMap<T>,
  fn: (tensor: T, name: string) => R,
): TensorMap<R> {
  const out: TensorMap<R> = {};
  for (const [name, tensor] of Object.entries(map)) out[name] = fn(tensor, name);
  return out;
}

/**
 * Applies `fn` to the entries of `a` and the entries of the same name in each of `others`. Throws an `Error` naming
 * the variable when one of `others` lacks a name of `a` or holds a tensor of another shape.
 */
export function zipTensors<R extends tf.Tensor>(
  a: TensorMap,
  others: readonly TensorMap[],
  fn: (tensors: tf.Tensor[], name: string) => R,
): TensorMap<R> {
  const out: TensorMap<R> = {};
  for (const [name, tensor] of Object.entries(a)) {
    const row = [tensor];
    for (const other of others) {
      const partner = other[name];
      if (partner === undefined) throw new Error(`no tensor named '${name}' in the matching map`);
      assertSameShape(`'${name}'`, tensor.shape, partner.shape);
      row.push(partner);
    }
    out[name] = fn(row, name);
  }
  return out;
}

/** Throws an `Error` starting with `label` (e.g. `gradient of 'w'`) when the two shapes differ. */
export function assertSameShape(label: string, expected: readonly number[], actual: readonly number[]): void {
  if (expected.length !== actual.length || expected.some((d, i) => d !== actual[i])) {
    throw new Error(`${label} has shape [${actual.join(', ')}], expected [${expected.join(', ')}]`);
  }
}

/** Global L2 norm `sqrt(sum_k ||t_k||^2)` over every tensor of the map, as a scalar (0 for an empty map). */
export function globalNorm(map: TensorMap): tf.Scalar {
  return tf.tidy(() => {
    const squares = Object.values(map).map((t) => tf.sum(tf.square(t)));
    return squares.length === 0 ? tf.scalar(0) : tf.sqrt(tf.addN(squares) as tf.Scalar);
  });
}

/** Disposes every tensor of the map. */
export function disposeTensors(map: TensorMap): void {
  for (const tensor of Object.values(map)) tensor.dispose();
}
