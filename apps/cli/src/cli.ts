import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { sample } from '@nnopt/schedulers';
import { buildSchedule } from './build';
import { evaluateRun } from './commands/evaluate';
import { lrFind } from './commands/lr-find';
import { train } from './commands/train';
import { plot } from './plot';
import { RecipeError, resolveRecipe, setPath, type Recipe } from './recipe';

const recipeFlags = {
  recipe: { type: 'string' },
  data: { type: 'string' },
  model: { type: 'string' },
  width: { type: 'string' },
  depth: { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  'weight-decay': { type: 'string' },
  schedule: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  limit: { type: 'string' },
  set: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const recipeHelp = `Recipe options (flags override the recipe file; see apps/cli/README.md for every field):
  --recipe FILE          JSON recipe (default: the built-in Fashion-MNIST CNN recipe)
  --data DIR             MNIST-format IDX files (default: Debian's /usr/share/datasets/fashion-mnist)
  --model NAME           cnn | small-cnn | mlp | resnet          --width N   --depth 18|34|50
  --optimizer NAME       sgd | adam | adamw | rmsprop | adagrad | nadam | radam | lion | lamb
  --lr X  --weight-decay X  --schedule constant|cosine|onecycle|step
  --epochs N  --batch-size N  --seed N  --backend cpu|wasm|gpu|auto  --limit N (first N training samples)
  --set path=value       any recipe field, e.g. --set augment.flip=true --set regularization.ema=0.999`;

const help: Record<string, string> = {
  main: `nnopt: train neural networks with TensorFlow.js and nnopt

Usage: nnopt <command> [options]

Commands:
  train      train a recipe into a run directory (--out), or continue one (--resume)
  eval       evaluate a run's weights on the test set
  lr-find    learning-rate range test: suggests a learning rate
  schedule   plot a learning-rate schedule in the terminal

Run 'nnopt <command> --help' for a command's options. Exit codes: 0 done, 1 failed, 2 bad usage or recipe.`,
  train: `Usage: nnopt train [options] --out DIR

  --out DIR              run directory (default runs/<model>-<optimizer>-<date>-<time>)
  --resume               continue the run in --out from its last checkpoint, with its saved recipe

${recipeHelp}`,
  eval: `Usage: nnopt eval --run DIR [--checkpoint final|last|best] [--data DIR]`,
  'lr-find': `Usage: nnopt lr-find [options] [--steps N] [--min-lr X] [--max-lr X]

${recipeHelp}`,
  schedule: `Usage: nnopt schedule [--schedule NAME] [--lr X] [--epochs N] [--steps-per-epoch N] [--recipe FILE]

Prints the learning rate per optimizer step of a recipe's schedule as a terminal plot.`,
};

function fail(message: string): never {
  throw new RecipeError(message);
}

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) fail(`--${name} must be a number, got '${value}'`);
  return n;
}

function parseValue(raw: string): unknown {
  if (raw === 'null') return null;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

async function recipeFrom(values: Record<string, string | string[] | boolean | undefined>): Promise<Recipe> {
  let input: Record<string, unknown> = {};
  let source = 'recipe';
  if (typeof values.recipe === 'string') {
    source = values.recipe;
    let text: string;
    try {
      text = await readFile(values.recipe, 'utf8');
    } catch {
      fail(`recipe file not found: ${values.recipe}`);
    }
    try {
      input = JSON.parse(text);
    } catch (error) {
      fail(`${values.recipe}: not valid JSON (${(error as Error).message})`);
    }
  }
  const flag = (name: string, path: string, parse: (v: string) => unknown = (v) => v) => {
    const value = values[name];
    if (typeof value === 'string') setPath(input, path, parse(value));
  };
  const num = (name: string) => (v: string) => numberFlag(name, v);
  flag('data', 'data.dir');
  flag('model', 'model.name');
  flag('width', 'model.width', num('width'));
  flag('depth', 'model.depth', num('depth'));
  flag('optimizer', 'optimizer.name');
  flag('lr', 'optimizer.learningRate', num('lr'));
  flag('weight-decay', 'optimizer.weightDecay', num('weight-decay'));
  flag('schedule', 'schedule.name');
  flag('epochs', 'epochs', num('epochs'));
  flag('batch-size', 'batchSize', num('batch-size'));
  flag('seed', 'seed', num('seed'));
  flag('backend', 'backend');
  flag('limit', 'data.limit', num('limit'));
  for (const assignment of (values.set as string[] | undefined) ?? []) {
    const at = assignment.indexOf('=');
    if (at <= 0) fail(`--set expects path=value, got '${assignment}'`);
    setPath(input, assignment.slice(0, at), parseValue(assignment.slice(at + 1)));
  }
  return resolveRecipe(input, source);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(help.main);
    return command === undefined ? 2 : 0;
  }
  type Values = Record<string, string | string[] | boolean | undefined>;
  const parse = (options: NonNullable<ParseArgsConfig['options']>): Values => {
    try {
      return parseArgs({ args: rest, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values as Values;
    } catch (error) {
      fail(`${command}: ${(error as Error).message}`);
    }
  };
  switch (command) {
    case 'train': {
      const values = parse({ ...recipeFlags, out: { type: 'string' }, resume: { type: 'boolean' } });
      if (values.help) return void console.log(help.train), 0;
      if (values.resume && typeof values.out !== 'string') fail('--resume needs --out DIR (the run to continue)');
      const recipe = await recipeFrom(values);
      const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      const out = (values.out as string | undefined) ?? `runs/${recipe.model.name}-${recipe.optimizer.name}-${stamp}`;
      const summary = await train({ recipe, out, resume: values.resume === true });
      console.log(`test accuracy ${(100 * summary.test_acc).toFixed(2)}%  test loss ${summary.test_loss.toFixed(4)}  (${summary.epochs} epochs, ${summary.steps} steps, ${summary.seconds.toFixed(0)} s on ${summary.backend}); run: ${out}`);
      return 0;
    }
    case 'eval': {
      const values = parse({ run: { type: 'string' }, checkpoint: { type: 'string' }, data: { type: 'string' } });
      if (values.help) return void console.log(help.eval), 0;
      if (typeof values.run !== 'string') fail('eval needs --run DIR');
      const checkpoint = (values.checkpoint as string | undefined) ?? 'final';
      if (!['final', 'last', 'best'].includes(checkpoint)) fail(`--checkpoint must be final, last or best, got '${checkpoint}'`);
      const { logs, confusion } = await evaluateRun({ run: values.run as string, checkpoint: checkpoint as 'final', dataDir: values.data as string | undefined });
      console.log(Object.entries(logs).map(([k, v]) => `${k} ${v.toFixed(4)}`).join('  '));
      console.log('confusion matrix (rows: true class, columns: predicted):');
      for (const row of confusion) console.log(row.map((v) => String(v).padStart(5)).join(''));
      return 0;
    }
    case 'lr-find': {
      const values = parse({ ...recipeFlags, steps: { type: 'string' }, 'min-lr': { type: 'string' }, 'max-lr': { type: 'string' } });
      if (values.help) return void console.log(help['lr-find']), 0;
      const recipe = await recipeFrom(values);
      const result = await lrFind(recipe, {
        steps: numberFlag('steps', values.steps as string | undefined) ?? 100,
        minLr: numberFlag('min-lr', values['min-lr'] as string | undefined) ?? 1e-6,
        maxLr: numberFlag('max-lr', values['max-lr'] as string | undefined) ?? 1,
      });
      console.log(plot(result.losses, { xLabel: `lr ${result.learningRates[0]?.toExponential(1)} .. ${result.learningRates.at(-1)?.toExponential(1)} (log)` }));
      console.log(`suggested learning rate: ${result.suggestion.toExponential(2)}`);
      return 0;
    }
    case 'schedule': {
      const values = parse({ recipe: { type: 'string' }, schedule: { type: 'string' }, lr: { type: 'string' }, epochs: { type: 'string' }, 'steps-per-epoch': { type: 'string' } });
      if (values.help) return void console.log(help.schedule), 0;
      const recipe = await recipeFrom(values);
      const stepsPerEpoch = numberFlag('steps-per-epoch', values['steps-per-epoch'] as string | undefined) ?? 469;
      if (!(Number.isInteger(stepsPerEpoch) && stepsPerEpoch >= 1)) fail(`--steps-per-epoch must be an integer >= 1, got ${stepsPerEpoch}`);
      const total = recipe.epochs * stepsPerEpoch;
      const values_ = sample(buildSchedule(recipe, stepsPerEpoch, total), total);
      console.log(`${recipe.schedule.name} schedule, lr ${recipe.optimizer.learningRate}, ${recipe.epochs} epochs x ${stepsPerEpoch} steps`);
      console.log(plot(values_));
      return 0;
    }
    default:
      fail(`unknown command '${command}' (commands: train, eval, lr-find, schedule; see nnopt --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`nnopt: ${error.message}`);
    process.exit(error instanceof RecipeError || error.name === 'RangeError' ? 2 : 1);
  },
);
