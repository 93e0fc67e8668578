import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectClose, expectFlatMemory, expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { cutMix, mixUp } from './index';

// mixUp/cutMix are checked by invariants that pin the formula: every output is lam * x + (1 - lam) * roll(x, 1)
// with the same lam for images and labels (mixUp), or a pasted box whose area fraction equals 1 - lam (cutMix).
forEachBackend(() => {
  const n = 4;
  const images = () => tf.tidy(() => tf.mul(tf.reshape(tf.range(1, n + 1), [n, 1, 1, 1]), tf.ones([n, 5, 6, 2])) as tf.Tensor4D);
  const sparse = () => tf.tensor1d([0, 1, 2, 1], 'int32');

  it('mixUp mixes images and labels with one lam against the rolled batch', async () => {
    const x = images();
    const labels = sparse();
    await expectNoLeaks(() => {
      const { images: y, labels: l } = mixUp({ alpha: 0.4, numClasses: 3 }).apply(x, labels, { key: prngKey(3), training: true });
      const v = y.dataSync();
      // Image n is constant n + 1 and its partner roll(x, 1)[n] is constant n (or 4 for n = 0).
      const lam = (v[0]! - 4) / (1 - 4);
      expect(lam).toBeGreaterThanOrEqual(0);
      expect(lam).toBeLessThanOrEqual(1);
      const expected = [1, 2, 3, 4].map((c, i) => lam * c + (1 - lam) * [4, 1, 2, 3][i]!);
      expectClose(Array.from({ length: n }, (_, i) => v[i * 60]!), expected, { rtol: 1e-5 }, 'images');
      // labels: one-hot [0, 1, 2, 1] mixed with roll: [1, 0, 1, 2]
      const oneHot = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]];
      const rolled = [oneHot[3]!, oneHot[0]!, oneHot[1]!, oneHot[2]!];
      expectClose(l, oneHot.flatMap((row, i) => row.map((o, k) => lam * o + (1 - lam) * rolled[i]![k]!)), { rtol: 1e-5, atol: 1e-6 }, 'labels');
      const lv = l.dataSync();
      expectClose([0, 1, 2, 3].map((i) => lv[3 * i]! + lv[3 * i + 1]! + lv[3 * i + 2]!), [1, 1, 1, 1], { rtol: 1e-6 }, 'rows sum to 1');
      tf.dispose([y, l]);
    });
    await expectFlatMemory(() => tf.dispose(Object.values(mixUp({ numClasses: 3 }).apply(x, labels, { key: prngKey(1), training: true }))));
    tf.dispose([x, labels]);
  });

  it('cutMix pastes one box from the rolled batch and mixes labels by its area', async () => {
    const x = images();
    const labels = tf.tidy(() => tf.cast(tf.oneHot(sparse(), 3), 'float32'));
    await expectNoLeaks(() => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const { images: y, labels: l } = cutMix({ alpha: 1 }).apply(x, labels, { key: prngKey(seed), training: true });
        const v = y.dataSync();
        // Sample 1 (constant 2) gets pixels of sample 0 (constant 1) inside the box.
        const pasted = Array.from(v.slice(60, 120)).filter((p) => p === 1).length / 60;
        const kept = Array.from(v.slice(60, 120)).filter((p) => p === 2).length / 60;
        expectClose(pasted + kept, 1, {}, 'only own or partner pixels');
        const lam = 1 - pasted;
        const lv = l.dataSync();
        // label row 1 = lam * onehot(1) + (1 - lam) * onehot(0)
        expectClose([lv[3]!, lv[4]!, lv[5]!], [1 - lam, lam, 0], { rtol: 1e-5, atol: 1e-6 }, `labels seed ${seed}`);
        tf.dispose([y, l]);
      }
    });
    tf.dispose([x, labels]);
  });

  it('evaluation returns copies and one-hot labels', async () => {
    const x = images();
    const labels = sparse();
    await expectNoLeaks(() => {
      for (const t of [mixUp({ numClasses: 3 }), cutMix({ numClasses: 3 })]) {
        const { images: y, labels: l } = t.apply(x, labels, { training: false });
        expectClose(y, x, { rtol: 0, atol: 0 }, 'images');
        expectClose(l, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0], { rtol: 0, atol: 0 }, 'labels');
        tf.dispose([y, l]);
      }
    });
    tf.dispose([x, labels]);
  });
});
