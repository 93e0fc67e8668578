import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chain, identity, loadState, saveState, stateTensors, type ScheduleLike } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { adabelief } from './adabelief';
import { adadelta } from './adadelta';
import { adafactor } from './adafactor';
import { adagrad } from './adagrad';
import { adam } from './adam';
import { adamax } from './adamax';
import { adamw } from './adamw';
import { lamb } from './lamb';
import { lars } from './lars';
import { lion } from './lion';
import { muon } from './muon';
import { nadam } from './nadam';
import { radam } from './radam';
import { rmsprop } from './rmsprop';
import { scheduleFreeAdamw } from './schedule-free-adamw';
import { sgd } from './sgd';
import { toOptimizer, TransformOptimizer } from './to-optimizer';

/**
 * One row per named optimizer (part B appends its rows). `make(learningRate)` builds it with otherwise default
 * options; `parabola` and `rosenbrock` are the learning rates the convergence checks use.
 */
interface ConformanceRow {
  readonly name: string;
  readonly make: (learningRate: ScheduleLike) => TransformOptimizer;
  readonly parabola: number;
  /** A schedule the parabola convergence check uses instead of `parabola` (the round trip keeps the number). */
  readonly parabolaSchedule?: ScheduleLike;
  readonly rosenbrock: ScheduleLike;
}

const table: ConformanceRow[] = [
  { name: 'sgd', make: (learningRate) => sgd({ learningRate, momentum: 0.9 }), parabola: 0.05, rosenbrock: 2e-3 },
  { name: 'adam', make: (learningRate) => adam({ learningRate }), parabola: 0.1, rosenbrock: 0.1 },
  { name: 'adamw', make: (learningRate) => adamw({ learningRate, weightDecay: 1e-4 }), parabola: 0.1, rosenbrock: 0.1 },
  { name: 'adam (amsgrad)', make: (learningRate) => adam({ learningRate, amsgrad: true }), parabola: 0.1, rosenbrock: 0.1 },
  { name: 'adagrad', make: (learningRate) => adagrad({ learningRate }), parabola: 0.5, rosenbrock: 1 },
  { name: 'rmsprop', make: (learningRate) => rmsprop({ learningRate }), parabola: 0.02, rosenbrock: 0.02 },
  { name: 'rmsprop (centered, momentum)', make: (learningRate) => rmsprop({ learningRate, centered: true, momentum: 0.5 }), parabola: 0.01, rosenbrock: 0.01 },
  { name: 'adadelta', make: (learningRate) => adadelta({ learningRate }), parabola: 10, rosenbrock: 5 },
  { name: 'adamax', make: (learningRate) => adamax({ learningRate }), parabola: 0.1, rosenbrock: 0.4 },
  { name: 'nadam', make: (learningRate) => nadam({ learningRate }), parabola: 0.1, rosenbrock: 0.05 },
  // RAdam's first steps are un-adapted momentum SGD, which diverges on Rosenbrock's steep start at any rate that
  // makes progress afterwards: a short low-rate warmup, as RAdam users do (and beta2 = 0.99, so the rectified
  // rate grows within the 300 steps).
  { name: 'radam', make: (learningRate) => radam({ learningRate, beta2: 0.99 }), parabola: 0.1, rosenbrock: (t) => (t < 6 ? 1e-3 : 0.1) },
  // Part B (beyond PyTorch 1.13). Lion moves every coordinate by lr per step; LARS' default trust coefficient 1e-3
  // is tuned for deep nets (tiny steps here), so its row uses 1; Adafactor without momentum (its default) only creeps
  // along Rosenbrock's valley, so its row uses optax's momentum option and no parameter scaling. LAMB's step length
  // is lr * ||p|| whatever the gradient, so it cannot settle with a constant rate: it converges with a decaying one.
  { name: 'lion', make: (learningRate) => lion({ learningRate }), parabola: 0.05, rosenbrock: 0.01 },
  { name: 'lamb', make: (learningRate) => lamb({ learningRate }), parabola: 0.1, parabolaSchedule: (t) => 0.1 * 0.98 ** t, rosenbrock: (t) => 0.5 * 0.985 ** t },
  { name: 'lars', make: (learningRate) => lars({ learningRate, trustCoefficient: 1 }), parabola: 0.01, rosenbrock: 0.01 },
  { name: 'adabelief', make: (learningRate) => adabelief({ learningRate }), parabola: 0.1, rosenbrock: 0.1 },
  { name: 'adafactor', make: (learningRate) => adafactor({ learningRate, momentum: 0.9, multiplyByParameterScale: false }), parabola: 0.1, rosenbrock: 0.1 },
  // Muon sends these vectors to its Adam part (only matrices are orthogonalized; see muon.test.ts for matrices).
  { name: 'muon', make: (learningRate) => muon({ learningRate }), parabola: 0.1, rosenbrock: 0.2 },
  // Schedule-free AdamW takes a constant rate (its averaging replaces the schedule); the checks read y.
  { name: 'scheduleFreeAdamw', make: (learningRate) => scheduleFreeAdamw({ learningRate: learningRate as number }), parabola: 0.3, rosenbrock: 0.2 },
];

let unique = 0;
const fresh = (values: number[]) => tf.variable(tf.tensor1d(values), true, `conformance/${unique++}/w`);

// f(w) = sum_i s_i (w_i - c_i)^2, minimum 0 at c.
const scales = [1, 2, 0.5, 3];
const center = [1, -2, 0.5, 3];
const parabola = (w: tf.Variable) => () =>
  tf.tidy(() => tf.sum(tf.mul(tf.tensor1d(scales), tf.square(tf.sub(w, tf.tensor1d(center))))) as tf.Scalar);
// Rosenbrock (1 - x)^2 + 100 (y - x^2)^2 from the classic start (-1.2, 1): f = 24.2 there, 0 at (1, 1).
const rosenbrock = (v: tf.Variable) => () =>
  tf.tidy(() => {
    const x = tf.slice(v, [0], [1]);
    const y = tf.slice(v, [1], [1]);
    return tf.sum(tf.add(tf.square(tf.sub(1, x)), tf.mul(100, tf.square(tf.sub(y, tf.square(x)))))) as tf.Scalar;
  });

/** Steps `opt` on `loss` `steps` times, asserting a flat tensor count after the first step. */
async function run(opt: tf.Optimizer, loss: () => tf.Scalar, steps: number): Promise<void> {
  await expectFlatMemory(() => opt.minimize(loss), { warmup: 1, steps: steps - 1 });
}

forEachBackend(() => {
  describe('conformance', () => {
    for (const row of table) {
      describe(row.name, () => {
        it('is a tf.Optimizer and converges on a parabola', async () => {
          const w = fresh([0, 0, 0, 0]);
          const opt = row.make(row.parabolaSchedule ?? row.parabola);
          expect(opt).toBeInstanceOf(tf.Optimizer);
          await run(opt, parabola(w), 200);
          expectClose(w, center, { rtol: 0, atol: 0.05 }, `${row.name} on the parabola`);
          opt.dispose();
          w.dispose();
        });

        it('descends Rosenbrock into the valley near (1, 1)', async () => {
          const v = fresh([-1.2, 1]);
          const opt = row.make(row.rosenbrock);
          await run(opt, rosenbrock(v), 300);
          const loss = rosenbrock(v)();
          expect(loss.dataSync()[0]).toBeLessThan(1); // from 24.2
          loss.dispose();
          opt.dispose();
          v.dispose();
        });

        it('round-trips its state (stateDict, saveState) and getConfig, resuming bit-identically', async () => {
          const w = fresh([0.5, -1, 2, 0]);
          const start = w.clone();
          const opt = row.make(row.parabola);
          await run(opt, parabola(w), 4);
          const dict = opt.stateDict();
          const bytes = await saveState(dict);
          const held = stateTensors(dict);
          tf.dispose(held);
          const resumed = TransformOptimizer.fromConfig(TransformOptimizer, opt.getConfig()) as TransformOptimizer;
          // Loading keeps exactly one copy of each state tensor.
          await expectNoLeaks(() => {
            const { state } = loadState(bytes);
            resumed.loadStateDict(state);
            tf.dispose(stateTensors(state));
          }, { extra: held.length });
          const mid = w.clone();
          await run(opt, parabola(w), 4);
          const expected = w.clone();
          w.assign(mid);
          await run(resumed, parabola(w), 4);
          expectClose(w, expected, { rtol: 0, atol: 0 }, `${row.name} resumed`);
          tf.dispose([w, start, mid, expected]);
          opt.dispose();
          resumed.dispose();
        });

        it('equals itself chained after identity', async () => {
          const a = fresh([0.5, -1, 2, 0]);
          const b = fresh([0.5, -1, 2, 0]);
          const opt = row.make(row.parabola);
          const wrapped = toOptimizer(chain(identity(), row.make(row.parabola).transform));
          await run(opt, parabola(a), 6);
          await run(wrapped, parabola(b), 6);
          expectClose(b, a, { rtol: 0, atol: 0 });
          opt.dispose();
          wrapped.dispose();
          tf.dispose([a, b]);
        });
      });
    }

    it('adamw({ weightDecay: 0 }) equals adam()', async () => {
      const a = fresh([0.5, -1, 2, 0]);
      const b = fresh([0.5, -1, 2, 0]);
      const x = adam();
      const y = adamw({ weightDecay: 0 });
      await run(x, parabola(a), 10);
      await run(y, parabola(b), 10);
      expectClose(b, a, { rtol: 0, atol: 0 });
      x.dispose();
      y.dispose();
      tf.dispose([a, b]);
    });
  });
});
