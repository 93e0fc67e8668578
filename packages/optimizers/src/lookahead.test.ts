import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { applyTransform, chain, mapTensors, stateTensors, type State, type Transform } from '@nnopt/core';
import { expectClose, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { describeTrajectories } from './fixture-extra';
import { lookahead, type LookaheadOptions } from './lookahead';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { trace } from './trace';
import { toOptimizer } from './to-optimizer';
import { scaleByBelief } from './scale-by-belief';
import { expectTransformContract } from './transform-contract';

/** Plain gradient descent with step 0.1: the fast optimizer of the hand-derived case. */
const sgd: Transform = { init: () => ({}), update: (u) => ({ updates: mapTensors(u, (g) => tf.mul(g, -0.1)), state: {} }) };

forEachBackend(() => {
  describe('lookahead', () => {
    it('pulls the slow weights towards the fast ones every k steps (hand-derived)', async () => {
      await expectNoLeaks(() => {
        const params = tf.tidy(() => ({ p: tf.variable(tf.tensor([1])), q: tf.variable(tf.tensor([0])) }));
        const tx = lookahead(sgd, { syncPeriod: 2, slowStepSize: 0.5 });
        let state: State = tx.init(params);
        const g = { p: tf.tensor([1]) };
        // g = 1, lr 0.1, k = 2, alpha 0.5: fast 0.9, 0.8 -> slow 1 + 0.5 (0.8 - 1) = 0.9 = p;
        // fast 0.8, 0.7 -> slow 0.9 + 0.5 (0.7 - 0.9) = 0.8 = p. q has no gradient: untouched.
        const expected = [0.9, 0.9, 0.8, 0.8];
        for (const value of expected) {
          state = applyTransform(tx, state, params, g);
          expectClose(params.p!, [value], { rtol: 1e-6 }, 'p');
        }
        expectClose((state as { slow: { p: tf.Tensor } }).slow.p, [0.8], { rtol: 1e-6 }, 'slow');
        expect((state as { step: { q: number } }).step.q).toBe(0);
        expectClose(params.q!, [0], {}, 'q');
        tf.dispose([...stateTensors(state), params.p!, params.q!, g.p]);
      });
    });

    it('keeps memory flat and leaves variables without a gradient alone', async () => {
      await expectTransformContract(lookahead(scaleByBelief(), { syncPeriod: 2 }), { steps: 4 });
    });

    // Around torch.optim.SGD with momentum (trace + learning rate), through toOptimizer, against a float64
    // reference of Algorithm 1.
    describeTrajectories('lookahead', (({ learningRate, momentum, ...options }: LookaheadOptions & { learningRate: number; momentum: number }) =>
      toOptimizer(lookahead(chain(trace({ momentum }), scaleByLearningRate(learningRate)), options))) as never);
  });
});

describe('lookahead options', () => {
  it('rejects bad options when the factory is called', () => {
    expect(() => lookahead(sgd, { syncPeriod: 0 })).toThrow(/syncPeriod/);
    expect(() => lookahead(sgd, { slowStepSize: 0 })).toThrow(/slowStepSize/);
    expect(() => lookahead(sgd, { slowStepSize: 1.5 })).toThrow(RangeError);
  });
});
