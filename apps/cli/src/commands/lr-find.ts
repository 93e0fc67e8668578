import { prngKey, split } from '@nnopt/core';
import { dataLoader, lrRangeTest, type LrRangeTestResult } from '@nnopt/trainer';
import { buildLoss, buildModel, buildOptimizer } from '../build';
import { loadData } from '../data';
import type { Recipe } from '../recipe';
import { startBackend } from '../runtime';

/** Runs the learning-rate range test for a recipe's model, optimizer and data. */
export async function lrFind(recipe: Recipe, { steps, minLr, maxLr }: { steps: number; minLr: number; maxLr: number }): Promise<LrRangeTestResult> {
  await startBackend(recipe.backend, () => {});
  const { train } = await loadData(recipe);
  const model = buildModel(recipe.model, train.sampleShape, train.numClasses, split(prngKey(recipe.seed))[0]!);
  const optimizer = buildOptimizer(recipe, () => minLr);
  const result = await lrRangeTest({
    model,
    optimizer,
    data: dataLoader(train, { batchSize: recipe.batchSize, seed: recipe.seed }),
    loss: buildLoss(recipe),
    steps,
    minLr,
    maxLr,
    seed: recipe.seed,
  });
  model.dispose();
  optimizer.dispose();
  return result;
}
