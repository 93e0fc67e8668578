import { describeNamedOptimizer } from './fixture-extra';
import { muon } from './muon';

// Float64 reference trajectories (tools/fixtures/optimizers_extra.py) on cpu and wasm, and option errors.
describeNamedOptimizer('muon', muon, [[{ beta: 1 }, 'beta'], [{ nsSteps: 0 }, 'nsSteps'], [{ adamBeta1: 1 }, 'adamBeta1'], [{ adamBeta2: -1 }, 'adamBeta2'], [{ adamEpsilon: 0 }, 'adamEpsilon'], [{ learningRate: -1 }, 'learningRate']]);
