import { describeNamedOptimizer } from './fixture-extra';
import { lamb } from './lamb';

// Float64 reference trajectories (tools/fixtures/optimizers_extra.py) on cpu and wasm, and option errors.
describeNamedOptimizer('lamb', lamb, [[{ epsilon: 0 }, 'epsilon'], [{ beta2: 1.5 }, 'beta2'], [{ learningRate: -1e-3 }, 'learningRate'], [{ weightDecay: -1 }, 'weightDecay']]);
