import { describeNamedOptimizer } from './fixture-extra';
import { adabelief } from './adabelief';

// Float64 reference trajectories (tools/fixtures/optimizers_extra.py) on cpu and wasm, and option errors.
describeNamedOptimizer('adabelief', adabelief, [[{ epsilon: -1 }, 'epsilon'], [{ beta1: -0.1 }, 'beta1'], [{ beta2: 1 }, 'beta2'], [{ weightDecay: -1 }, 'weightDecay']]);
