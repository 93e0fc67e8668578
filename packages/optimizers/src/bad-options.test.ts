import { describe, expect, it } from 'vitest';
import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam } from './adam';
import { adamax } from './adamax';
import { adamw } from './adamw';
import { nadam } from './nadam';
import { radam } from './radam';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';

// Factories validate every option when called (no tensor is created): a RangeError naming the option.
const cases: [string, () => unknown, string][] = [
  ['negative learning rate', () => adam({ learningRate: -1 }), 'learningRate'],
  ['schedule negative at step 0', () => adamw({ learningRate: () => -0.1 }), 'learningRate'],
  ['sgd without learning rate', () => sgd({} as never), 'learningRate'],
  ['beta1 = 1', () => adam({ beta1: 1 }), 'beta1'],
  ['beta2 < 0', () => adamw({ beta2: -0.1 }), 'beta2'],
  ['epsilon = 0', () => adam({ epsilon: 0 }), 'epsilon'],
  ['negative weight decay', () => adamw({ weightDecay: -1e-2 }), 'weightDecay'],
  ['nesterov with dampening', () => sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true, dampening: 0.1 }), 'nesterov'],
  ['nesterov without momentum', () => sgd({ learningRate: 0.1, nesterov: true }), 'nesterov'],
  ['negative momentum', () => sgd({ learningRate: 0.1, momentum: -0.5 }), 'momentum'],
  ['dampening > 1', () => sgd({ learningRate: 0.1, momentum: 0.5, dampening: 2 }), 'dampening'],
  ['negative lrDecay', () => adagrad({ lrDecay: -1 }), 'lrDecay'],
  ['negative initialAccumulatorValue', () => adagrad({ initialAccumulatorValue: -1 }), 'initialAccumulatorValue'],
  ['negative alpha', () => rmsprop({ alpha: -0.9 }), 'alpha'],
  ['rmsprop momentum < 0', () => rmsprop({ momentum: -1 }), 'momentum'],
  ['rho > 1', () => adadelta({ rho: 1.5 }), 'rho'],
  ['adamax epsilon < 0', () => adamax({ epsilon: -1 }), 'epsilon'],
  ['negative momentumDecay', () => nadam({ momentumDecay: -1 }), 'momentumDecay'],
  ['radam beta1 NaN', () => radam({ beta1: Number.NaN }), 'beta1'],
];

describe('bad options', () => {
  for (const [label, make, option] of cases) {
    it(`${label}: RangeError naming ${option}`, () => {
      expect(make).toThrow(RangeError);
      expect(make).toThrow(new RegExp(`^${option} must be`));
    });
  }
});
