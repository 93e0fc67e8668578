import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadState, prngKey, split } from '@nnopt/core';
import { loadStateDict } from '@nnopt/models';
import { accuracy, ConfusionMatrix, dataLoader, evaluate, meanLoss, type Metric } from '@nnopt/trainer';
import { buildLoss, buildModel } from '../build';
import { loadData } from '../data';
import { RecipeError, resolveRecipe } from '../recipe';
import { startBackend } from '../runtime';

async function readOrFail(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch {
    throw new RecipeError(`${what} not found: ${path}`);
  }
}

/**
 * Evaluates a run's weights on the test set: `final` (model.safetensors), or the `last`/`best` checkpoint. Returns
 * the metrics and the confusion matrix (rows: true class, columns: predicted).
 */
export async function evaluateRun({ run, checkpoint, dataDir }: { run: string; checkpoint: 'final' | 'last' | 'best'; dataDir?: string }) {
  const recipePath = join(run, 'recipe.json');
  const recipe = resolveRecipe(JSON.parse(new TextDecoder().decode(await readOrFail(recipePath, 'run recipe'))), recipePath);
  if (dataDir) recipe.data.dir = dataDir;
  await startBackend(recipe.backend, () => {});
  const { test } = await loadData(recipe);
  const model = buildModel(recipe.model, test.sampleShape, test.numClasses, split(prngKey(recipe.seed))[0]!);
  const path = checkpoint === 'final' ? join(run, 'model.safetensors') : join(run, 'checkpoints', `${checkpoint}.safetensors`);
  const bytes = await readOrFail(path, 'weights');
  if (checkpoint === 'final') loadStateDict(model, bytes);
  else {
    // A training checkpoint holds the full state; the model's variables are its params and buffers sections.
    const { state } = loadState(bytes, path);
    const { params, buffers } = state as { params: Record<string, never>; buffers: Record<string, never> };
    for (const [name, variable] of Object.entries({ ...model.namedParameters(), ...model.namedBuffers() })) {
      const saved = params[name] ?? buffers[name];
      if (saved === undefined) throw new Error(`${path}: no value for '${name}'`);
      variable.assign(saved);
    }
  }
  const confusion = new ConfusionMatrix(test.numClasses);
  const confusionMetric: Metric = {
    name: 'confusion',
    update: (logits, labels) => confusion.update(logits, labels),
    result: () => NaN,
    reset: () => {},
    stateDict: () => ({}),
    loadStateDict: () => {},
  };
  const logs = evaluate(model, dataLoader(test, { batchSize: 1000, shuffle: false }), {
    metrics: [meanLoss(), accuracy(), accuracy(3), confusionMetric],
    loss: buildLoss(recipe),
    prefix: 'test_',
  });
  const matrix = confusion.result();
  confusion.dispose();
  model.dispose();
  delete logs.test_confusion;
  return { logs, confusion: matrix };
}
