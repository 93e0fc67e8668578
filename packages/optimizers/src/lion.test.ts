import { describeNamedOptimizer } from './fixture-extra';
import { lion } from './lion';

// Float64 reference trajectories (tools/fixtures/optimizers_extra.py) on cpu and wasm, and option errors.
describeNamedOptimizer('lion', lion, [[{ learningRate: -1 }, 'learningRate'], [{ beta1: 1 }, 'beta1'], [{ beta2: -0.1 }, 'beta2'], [{ weightDecay: -0.1 }, 'weightDecay']]);
