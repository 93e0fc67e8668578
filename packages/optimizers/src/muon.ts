import { assertInRange, assertPositive, chain, type ScheduleLike } from '@nnopt/core';
import { addDecayedWeights } from './add-decayed-weights';
import { namedOptimizer } from './named-optimizer';
import { partition } from './partition';
import { scaleByAdam } from './scale-by-adam';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { scaleByMuon } from './scale-by-muon';
import type { TransformOptimizer } from './to-optimizer';

/** Options of {@link muon}. */
export interface MuonOptions {
  /** Step size of both parts (number or schedule). Default 0.02 (Keller Jordan's). */
  learningRate?: ScheduleLike;
  /** Momentum decay of the Muon part. Default 0.95. */
  beta?: number;
  /** Nesterov momentum in the Muon part. Default true. */
  nesterov?: boolean;
  /** Newton-Schulz iterations. Default 5. */
  nsSteps?: number;
  /** Added to the Frobenius norm before orthogonalizing. Default 1e-8. */
  epsilon?: number;
  /** Decoupled weight decay of the matrices (number or schedule). Default 0. */
  weightDecay?: ScheduleLike;
  /** Adam's first-moment decay for the non-matrix variables. Default 0.9. */
  adamBeta1?: number;
  /** Adam's second-moment decay for the non-matrix variables. Default 0.999. */
  adamBeta2?: number;
  /** Adam's epsilon for the non-matrix variables. Default 1e-8. */
  adamEpsilon?: number;
  /** Decoupled weight decay of the non-matrix variables (number or schedule). Default 0. */
  adamWeightDecay?: ScheduleLike;
}

/**
 * Muon (Keller Jordan 2024, https://kellerjordan.github.io/posts/muon/), as optax `contrib.muon`: matrices (rank-2
 * variables) take `p <- p - lr (NewtonSchulz(nesterov momentum) sqrt(max(1, out/in)) + weightDecay p)` (see
 * `scaleByMuon`); every other variable (biases, norms, conv kernels) takes AdamW with the same learning rate.
 *
 * Chain: `partition({ muon: chain(scaleByMuon, addDecayedWeights, scaleByLearningRate), adam: chain(scaleByAdam,
 * addDecayedWeights, scaleByLearningRate) }, rank === 2 ? 'muon' : 'adam')`. Defaults: `learningRate = 0.02`,
 * `beta = 0.95`, `nesterov = true`, `nsSteps = 5`, `epsilon = 1e-8`, `weightDecay = 0`, `adamBeta1 = 0.9`,
 * `adamBeta2 = 0.999`, `adamEpsilon = 1e-8`, `adamWeightDecay = 0`. Keller Jordan's recipe also keeps embeddings
 * and the output layer on Adam: build that with `partition` and `scaleByMuon` directly. The iteration runs in
 * float32 (the reference code uses bfloat16). Checked against a float64 reference.
 *
 * @throws RangeError naming the option when invalid.
 */
export function muon(options: MuonOptions = {}): TransformOptimizer {
  const {
    learningRate = 0.02,
    beta = 0.95,
    nesterov = true,
    nsSteps = 5,
    epsilon = 1e-8,
    weightDecay = 0,
    adamBeta1 = 0.9,
    adamBeta2 = 0.999,
    adamEpsilon = 1e-8,
    adamWeightDecay = 0,
  } = options;
  // Validated under the names the caller used (scaleByAdam would report beta1/beta2/epsilon).
  assertInRange('adamBeta1', adamBeta1, 0, 1);
  assertInRange('adamBeta2', adamBeta2, 0, 1);
  assertPositive('adamEpsilon', adamEpsilon);
  return namedOptimizer(
    'muon',
    muon,
    { learningRate, beta, nesterov, nsSteps, epsilon, weightDecay, adamBeta1, adamBeta2, adamEpsilon, adamWeightDecay },
    { learningRate, weightDecay, adamWeightDecay },
    (h) =>
      partition(
        {
          muon: chain(scaleByMuon({ beta, nesterov, nsSteps, epsilon }), addDecayedWeights(h.weightDecay), scaleByLearningRate(h.learningRate)),
          adam: chain(
            scaleByAdam({ beta1: adamBeta1, beta2: adamBeta2, epsilon: adamEpsilon }),
            addDecayedWeights(h.adamWeightDecay),
            scaleByLearningRate(h.learningRate),
          ),
        },
        (_, p) => (p.rank === 2 ? 'muon' : 'adam'),
      ),
  );
}
