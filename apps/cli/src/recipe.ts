/**
 * A training recipe: everything `nnopt train` needs, as JSON. Every field is optional; missing fields take the
 * defaults below (the default recipe is the Fashion-MNIST CNN of the README). Unknown fields and wrong types are
 * errors naming the field, so a typo never silently falls back to a default.
 */
export interface Recipe {
  data: { dir: string | null; validation: number; limit: number | null };
  model: { name: 'cnn' | 'small-cnn' | 'mlp' | 'resnet'; width: number; depth: 18 | 34 | 50; hidden: number; dropout: number; attention: boolean };
  optimizer: { name: OptimizerName; learningRate: number; weightDecay: number; momentum: number; beta1: number; beta2: number; nesterov: boolean };
  schedule: { name: 'constant' | 'cosine' | 'onecycle' | 'step'; warmupEpochs: number; etaMin: number; stepSize: number; gamma: number };
  augment: { cropPadding: number; flip: boolean; erasing: number };
  regularization: { labelSmoothing: number; ema: number };
  epochs: number;
  batchSize: number;
  seed: number;
  backend: 'cpu' | 'wasm' | 'gpu' | 'auto';
  checkpointEvery: number | null;
}

export type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad' | 'nadam' | 'radam' | 'lion' | 'lamb';

/** The recipe error: exit code 2. */
export class RecipeError extends Error {
  override readonly name = 'RecipeError';
}

export const defaultRecipe: Recipe = {
  data: { dir: null, validation: 0, limit: null },
  model: { name: 'cnn', width: 32, depth: 18, hidden: 256, dropout: 0.25, attention: false },
  optimizer: { name: 'adamw', learningRate: 0.003, weightDecay: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, nesterov: false },
  schedule: { name: 'onecycle', warmupEpochs: 1, etaMin: 0, stepSize: 5, gamma: 0.1 },
  augment: { cropPadding: 2, flip: false, erasing: 0 },
  regularization: { labelSmoothing: 0.1, ema: 0 },
  epochs: 20,
  batchSize: 128,
  seed: 0,
  backend: 'wasm',
  checkpointEvery: null,
};

type Check = (value: unknown) => string | null;
const number = (min: number, max = Infinity, integer = false): Check => (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))
    ? null
    : `must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`;
const oneOf = (...values: readonly (string | number)[]): Check => (v) =>
  values.includes(v as string) ? null : `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
const boolean: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const nullable = (check: Check): Check => (v) => (v === null ? null : check(v));
const text: Check = (v) => (typeof v === 'string' && v.length > 0 ? null : 'must be a non-empty string');

type Schema = { [key: string]: Check | Schema };

const schema: Schema = {
  data: { dir: nullable(text), validation: number(0, 60000, true), limit: nullable(number(1, Infinity, true)) },
  model: {
    name: oneOf('cnn', 'small-cnn', 'mlp', 'resnet'),
    width: number(1, 1024, true),
    depth: oneOf(18, 34, 50),
    hidden: number(1, 65536, true),
    dropout: number(0, 0.99),
    attention: boolean,
  },
  optimizer: {
    name: oneOf('sgd', 'adam', 'adamw', 'rmsprop', 'adagrad', 'nadam', 'radam', 'lion', 'lamb'),
    learningRate: number(0, 100),
    weightDecay: number(0, 10),
    momentum: number(0, 0.999999),
    beta1: number(0, 0.999999),
    beta2: number(0, 0.999999),
    nesterov: boolean,
  },
  schedule: {
    name: oneOf('constant', 'cosine', 'onecycle', 'step'),
    warmupEpochs: number(0, 1000),
    etaMin: number(0, 100),
    stepSize: number(1, 100000, true),
    gamma: number(0, 1),
  },
  augment: { cropPadding: number(0, 16, true), flip: boolean, erasing: number(0, 1) },
  regularization: { labelSmoothing: number(0, 0.99), ema: number(0, 0.999999) },
  epochs: number(1, 100000, true),
  batchSize: number(1, 65536, true),
  seed: number(0, 2 ** 32 - 1, true),
  backend: oneOf('cpu', 'wasm', 'gpu', 'auto'),
  checkpointEvery: nullable(number(1, Infinity, true)),
};

/**
 * Merges `input` over `base` (default: {@link defaultRecipe}), validating every field against the schema. Throws a
 * {@link RecipeError} naming the first bad field as `source: field.path: problem`.
 */
export function resolveRecipe(input: unknown, source = 'recipe', base: Recipe = defaultRecipe): Recipe {
  return merge(base, input, schema, source, []) as unknown as Recipe;
}

function merge(base: unknown, input: unknown, spec: Schema, source: string, path: string[]): unknown {
  const where = path.length ? path.join('.') : '(top level)';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RecipeError(`${source}: ${where} must be an object`);
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(input)) {
    const field = spec[key];
    const at = [...path, key].join('.');
    if (field === undefined) {
      const hint = Object.keys(spec).find((k) => k.toLowerCase() === key.toLowerCase().replace(/[_-]/g, ''));
      throw new RecipeError(`${source}: ${at}: unknown field${hint ? ` (did you mean '${[...path, hint].join('.')}'?)` : ` (known: ${Object.keys(spec).join(', ')})`}`);
    }
    if (typeof field === 'function') {
      const problem = field(value);
      if (problem) throw new RecipeError(`${source}: ${at} ${problem}, got ${JSON.stringify(value)}`);
      out[key] = value;
    } else {
      out[key] = merge((base as Record<string, unknown>)[key], value, field, source, [...path, key]);
    }
  }
  return out;
}

/** Sets `path` (dotted) in a plain recipe object, for command-line overrides such as `--set optimizer.learningRate=0.01`. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}
