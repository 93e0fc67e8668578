import { describeNamedOptimizer } from './fixture-extra';
import { lars } from './lars';

// Float64 reference trajectories (tools/fixtures/optimizers_extra.py) on cpu and wasm, and option errors.
describeNamedOptimizer('lars', lars, [[{}, 'learningRate'], [{ learningRate: 0.1, momentum: 0, nesterov: true }, 'nesterov'], [{ learningRate: 0.1, trustCoefficient: 0 }, 'trustCoefficient'], [{ learningRate: 0.1, momentum: -1 }, 'momentum'], [{ learningRate: 0.1, epsilon: -1 }, 'epsilon']]);
