import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { flattenState, stateTensors, unflattenState } from './state';
import { forEachBackend } from './testing';

forEachBackend(() => describe('state trees', () => {
  it('flatten and unflatten are inverse, with / as the separator', () => {
    const w = tf.zeros([1]);
    const state = { 0: { count: 3, mu: { 'dense.kernel': w } }, 1: {} };
    const flat = flattenState(state);
    expect([...flat.keys()]).toEqual(['0/count', '0/mu/dense.kernel']);
    expect(unflattenState(flat)).toEqual({ 0: { count: 3, mu: { 'dense.kernel': w } } });
    expect(stateTensors(state)).toEqual([w]);
    w.dispose();
  });

  it('rejects keys that contain the separator', () => {
    expect(() => flattenState({ a: { 'b/c': 1 } })).toThrow(/state key 'a\/b\/c' must not contain '\/'/);
  });
}));
