import * as tf from '@tensorflow/tfjs-core';
import { assertOption, assertPositive, normalValues, prngKey, uniformValues, type PRNGKey } from '@nnopt/core';

/**
 * An initializer: a pure function of a PRNG key and a shape **in PyTorch's layout** (`[out, in, kh, kw]` for conv
 * weights, `[out, in]` for linear ones) returning a fresh float32 tensor the caller owns. Layers convert the result
 * to their own layout, so fans are always computed as `torch.nn.init._calculate_fan_in_and_fan_out` does:
 * `fanIn = shape[1] * prod(shape[2:])`, `fanOut = shape[0] * prod(shape[2:])` (1-D: both `shape[0]`).
 */
export type Initializer = (key: PRNGKey, shape: readonly number[]) => tf.Tensor;

/** `Nonlinearity` names of `torch.nn.init.calculate_gain`. */
export type Nonlinearity = 'linear' | 'conv2d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

/** `torch.nn.init.calculate_gain(nonlinearity, param)`: tanh 5/3, relu sqrt(2), leaky_relu sqrt(2/(1+a^2)), selu 3/4, else 1. */
export function calculateGain(nonlinearity: Nonlinearity, param = 0.01): number {
  switch (nonlinearity) {
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu':
      return Math.sqrt(2 / (1 + param * param));
    case 'selu':
      return 3 / 4;
    default:
      return 1;
  }
}

/** Fans of a PyTorch-layout shape (see {@link Initializer}). */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) return { fanIn: shape[0] ?? 1, fanOut: shape[0] ?? 1 };
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1]! * receptive, fanOut: shape[0]! * receptive };
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A fresh key from `Math.random` when the caller gave none (initialization only; forward passes never do this). */
export function resolveKey(key: PRNGKey | undefined): PRNGKey {
  return key ?? prngKey(Math.floor(Math.random() * 2 ** 32));
}

/** `U(low, high)` (torch.nn.init.uniform_). */
export function uniformInit(low: number, high: number): Initializer {
  assertOption(Number.isFinite(low) && Number.isFinite(high) && low <= high, 'high', high, `a finite number >= low (${low})`);
  return (key, shape) => {
    const u = uniformValues(key, size(shape));
    for (let i = 0; i < u.length; i++) u[i] = low + (high - low) * u[i]!;
    return tf.tensor(u, [...shape], 'float32');
  };
}

/** `N(mean, std^2)` (torch.nn.init.normal_). */
export function normalInit(mean = 0, std = 1): Initializer {
  assertOption(Number.isFinite(std) && std >= 0, 'std', std, 'a finite number >= 0');
  return (key, shape) => {
    const n = normalValues(key, size(shape));
    for (let i = 0; i < n.length; i++) n[i] = mean + std * n[i]!;
    return tf.tensor(n, [...shape], 'float32');
  };
}

/** Every element `value` (torch.nn.init.constant_). */
export function constantInit(value: number): Initializer {
  return (_key, shape) => tf.fill([...shape], value, 'float32');
}

/** All zeros (torch.nn.init.zeros_). */
export const zerosInit = (): Initializer => constantInit(0);

/** All ones (torch.nn.init.ones_). */
export const onesInit = (): Initializer => constantInit(1);

/** Options of the Kaiming/He initializers (torch.nn.init.kaiming_uniform_/kaiming_normal_). */
export interface KaimingOptions {
  /** Negative slope of the following leaky ReLU (only for `'leaky_relu'`). Default 0. */
  a?: number;
  /** Preserve the variance of the forward (`'fanIn'`) or backward (`'fanOut'`) pass. Default `'fanIn'`. */
  mode?: 'fanIn' | 'fanOut';
  /** Default `'leaky_relu'` (with `a = 0` that is ReLU's gain sqrt(2)), as torch. */
  nonlinearity?: Nonlinearity;
}

function kaimingStd({ a = 0, mode = 'fanIn', nonlinearity = 'leaky_relu' }: KaimingOptions, shape: readonly number[]): number {
  const fans = computeFans(shape);
  return calculateGain(nonlinearity, a) / Math.sqrt(mode === 'fanIn' ? fans.fanIn : fans.fanOut);
}

function checkMode(mode: string | undefined): void {
  assertOption(mode === undefined || mode === 'fanIn' || mode === 'fanOut', 'mode', mode, "'fanIn' or 'fanOut'");
}

/**
 * Kaiming/He uniform: `U(-b, b)`, `b = gain * sqrt(3 / fan)` (He et al. 2015, https://arxiv.org/abs/1502.01852).
 * PyTorch's default for `Linear`/`Conv2d` weights is `kaimingUniform({ a: Math.sqrt(5) })`.
 */
export function kaimingUniform(options: KaimingOptions = {}): Initializer {
  checkMode(options.mode);
  return (key, shape) => {
    const bound = Math.sqrt(3) * kaimingStd(options, shape);
    return uniformInit(-bound, bound)(key, shape);
  };
}

/** Kaiming/He normal: `N(0, std^2)`, `std = gain / sqrt(fan)`; torchvision's ResNet uses `{ mode: 'fanOut', nonlinearity: 'relu' }`. */
export function kaimingNormal(options: KaimingOptions = {}): Initializer {
  checkMode(options.mode);
  return (key, shape) => normalInit(0, kaimingStd(options, shape))(key, shape);
}

/** Xavier/Glorot uniform: `U(-b, b)`, `b = gain * sqrt(6 / (fanIn + fanOut))` (Glorot & Bengio 2010). Default gain 1. */
export function xavierUniform({ gain = 1 }: { gain?: number } = {}): Initializer {
  assertPositive('gain', gain);
  return (key, shape) => {
    const { fanIn, fanOut } = computeFans(shape);
    const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
    return uniformInit(-bound, bound)(key, shape);
  };
}

/** Xavier/Glorot normal: `N(0, std^2)`, `std = gain * sqrt(2 / (fanIn + fanOut))`. Default gain 1. */
export function xavierNormal({ gain = 1 }: { gain?: number } = {}): Initializer {
  assertPositive('gain', gain);
  return (key, shape) => {
    const { fanIn, fanOut } = computeFans(shape);
    return normalInit(0, gain * Math.sqrt(2 / (fanIn + fanOut)))(key, shape);
  };
}

/**
 * Orthogonal (Saxe et al. 2013, https://arxiv.org/abs/1312.6120), as torch.nn.init.orthogonal_: the shape is
 * flattened to `[shape[0], rest]`, a Gaussian matrix is QR-decomposed, `Q` is sign-corrected by `diag(R)` and
 * scaled by `gain` (default 1). Rows (or columns, whichever are fewer) are orthonormal.
 */
export function orthogonal({ gain = 1 }: { gain?: number } = {}): Initializer {
  assertPositive('gain', gain);
  return (key, shape) => {
    assertOption(shape.length >= 2, 'shape', shape, 'of rank >= 2 for an orthogonal initializer');
    const rows = shape[0]!;
    const cols = size(shape) / rows;
    // Modified Gram-Schmidt on the host over the columns of the tall orientation: the same Q as a QR
    // decomposition whose R has a positive diagonal (torch's sign correction), without tf.linalg.qr.
    const tall = rows >= cols;
    const [m, n] = tall ? [rows, cols] : [cols, rows];
    const g = normalValues(key, m * n); // column j of the m x n matrix is g[j*m .. j*m + m)
    const q = Float64Array.from(g);
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += q[k * m + i]! * q[j * m + i]!;
        for (let i = 0; i < m; i++) q[j * m + i] = q[j * m + i]! - dot * q[k * m + i]!;
      }
      let norm = 0;
      for (let i = 0; i < m; i++) norm += q[j * m + i]! ** 2;
      norm = Math.sqrt(norm);
      for (let i = 0; i < m; i++) q[j * m + i] = q[j * m + i]! / norm;
    }
    const out = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) out[r * cols + c] = gain * (tall ? q[c * m + r]! : q[r * m + c]!);
    }
    return tf.tensor(out, [...shape], 'float32');
  };
}
