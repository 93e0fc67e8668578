import { beforeAll, describe, expect, it } from 'vitest';
import { prngKey } from '@nnopt/core';
import { expectNoLeaks, forEachBackend } from '@nnopt/core/testing';
import { prepareBackend } from './__fixtures__/harness';
import { smallCnn } from './models/small-cnn';
import { parameterCount, summary, summaryRows } from './summary';

describe('summary', () => {
  forEachBackend(() => {
    beforeAll(prepareBackend);
    it('counts parameters per module (hand-derived for smallCnn width 4)', async () => {
      await expectNoLeaks(() => {
        const net = smallCnn({ inChannels: 1, numClasses: 3, width: 4, key: prngKey(1) });
        // conv 1->4: 4*1*9 + 4 = 40; bn 4: 8; conv 4->8: 8*4*9 + 8 = 296; bn 8: 16; linear 8->3: 24 + 3 = 27.
        expect(parameterCount(net)).toBe(40 + 8 + 296 + 16 + 27);
        const rows = summaryRows(net);
        expect(rows.find((r) => r.name === '4')).toMatchObject({ type: 'Conv2d', ownParameters: 296, totalParameters: 296 });
        // Buffers: running_mean + running_var + num_batches_tracked = 4 + 4 + 1 and 8 + 8 + 1, 26 in all.
        expect(rows.find((r) => r.name === '1')).toMatchObject({ type: 'BatchNorm2d', ownBuffers: 4 + 4 + 1 });
        const text = summary(net);
        expect(text).toMatch(/\(root\)\s+SmallCNN\s+387/);
        expect(text).toMatch(/total parameters: 387; buffer elements: 26/);
        net.dispose();
      });
    });
  });
});
