import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { prngKey, split, type Callback } from '@nnopt/core';
import { saveStateDict } from '@nnopt/models';
import { ema } from '@nnopt/regularizers';
import {
  accuracy,
  consoleLogger,
  csvLogger,
  dataLoader,
  evaluate,
  fit,
  jsonlLogger,
  meanLoss,
  modelCheckpoint,
  progressBar,
  tensorBoard,
  terminateOnNaN,
  throughputMonitor,
} from '@nnopt/trainer';
import { directoryStore, eventFileSink, fileSink, writeFileAtomic } from '@nnopt/trainer/node';
import { buildAugment, buildLoss, buildModel, buildOptimizer, buildSchedule } from '../build';
import { loadData } from '../data';
import { RecipeError, resolveRecipe, type Recipe } from '../recipe';
import { startBackend } from '../runtime';

/** What `nnopt train` writes to `<out>/summary.json`. */
export interface Summary {
  readonly backend: string;
  readonly epochs: number;
  readonly steps: number;
  readonly seconds: number;
  readonly test_loss: number;
  readonly test_acc: number;
  readonly history: readonly Record<string, number>[];
  readonly stopReason: string | null;
}

const exists = (path: string) => access(path).then(() => true, () => false);

/**
 * Trains a recipe into the run directory `out`: `recipe.json` (resolved), `metrics.jsonl`, `metrics.csv`,
 * `tensorboard/`, `checkpoints/{last,best}.safetensors`, `model.safetensors` (final weights, PyTorch names) and
 * `summary.json`. With `resume`, continues the run in `out` from its last checkpoint with its saved recipe.
 */
export async function train({ recipe: given, out, resume }: { recipe: Recipe; out: string; resume: boolean }): Promise<Summary> {
  const recipePath = join(out, 'recipe.json');
  let recipe = given;
  if (resume) {
    if (!(await exists(recipePath))) throw new RecipeError(`--resume: ${out} holds no run (no recipe.json)`);
    recipe = resolveRecipe(JSON.parse(await readFile(recipePath, 'utf8')), recipePath);
  } else if (await exists(recipePath)) {
    throw new RecipeError(`${out} already holds a run: pass --resume to continue it, or choose another --out`);
  }
  const started = performance.now();
  const backend = await startBackend(recipe.backend, (m) => console.log(m));
  const data = await loadData(recipe);
  await mkdir(out, { recursive: true });
  if (!resume) await writeFileAtomic(recipePath, new TextEncoder().encode(`${JSON.stringify(recipe, null, 2)}\n`));

  const [modelKey] = split(prngKey(recipe.seed));
  const model = buildModel(recipe.model, data.train.sampleShape, data.train.numClasses, modelKey!);
  const loader = dataLoader(data.train, { batchSize: recipe.batchSize, seed: recipe.seed });
  const totalSteps = recipe.epochs * loader.length;
  const optimizer = buildOptimizer(recipe, buildSchedule(recipe, loader.length, totalSteps));
  const loss = buildLoss(recipe);
  const store = directoryStore(join(out, 'checkpoints'));
  const resumeBytes = resume ? await store.read('last') : undefined;
  if (resume && resumeBytes === null) throw new Error(`--resume: ${join(out, 'checkpoints', 'last.safetensors')} does not exist`);
  const average = recipe.regularization.ema > 0 ? ema({ decay: recipe.regularization.ema }) : undefined;
  const callbacks: Callback[] = [
    throughputMonitor(),
    progressBar(),
    consoleLogger(),
    jsonlLogger(fileSink(join(out, 'metrics.jsonl'))),
    csvLogger(fileSink(join(out, 'metrics.csv'))),
    tensorBoard({
      sink: eventFileSink(join(out, 'tensorboard')),
      hparams: { model: recipe.model.name, optimizer: recipe.optimizer.name, lr: recipe.optimizer.learningRate, batch_size: recipe.batchSize, seed: recipe.seed },
    }),
    modelCheckpoint({ store, everySteps: recipe.checkpointEvery ?? undefined, monitor: 'val_acc', mode: 'max' }),
    terminateOnNaN(),
    ...(average ? [average] : []),
  ];
  const history = await fit({
    model,
    optimizer,
    data: loader,
    validation: data.validation ? dataLoader(data.validation, { batchSize: 1000, shuffle: false }) : undefined,
    epochs: recipe.epochs,
    loss,
    augment: buildAugment(recipe, data.train.sampleShape),
    callbacks,
    seed: recipe.seed,
    resume: resumeBytes ?? undefined,
    resumeSource: join(out, 'checkpoints', 'last.safetensors'),
  });
  if (history.stopReason?.startsWith('non-finite')) throw new Error(`training stopped: ${history.stopReason}`);

  average?.swapIn();
  const test = evaluate(model, dataLoader(data.test, { batchSize: 1000, shuffle: false }), { metrics: [meanLoss(), accuracy()], loss, prefix: 'test_' });
  await writeFileAtomic(join(out, 'model.safetensors'), await saveStateDict(model, { recipe: JSON.stringify(recipe) }));
  average?.swapOut();
  const summary: Summary = {
    backend,
    epochs: history.epochs.length,
    steps: history.steps,
    seconds: (performance.now() - started) / 1000,
    test_loss: test.test_loss!,
    test_acc: test.test_acc!,
    history: history.epochs,
    stopReason: history.stopReason,
  };
  await writeFile(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  average?.dispose();
  model.dispose();
  optimizer.dispose();
  tf.disposeVariables();
  return summary;
}
