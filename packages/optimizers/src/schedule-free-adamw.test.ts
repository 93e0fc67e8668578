import { describeNamedOptimizer } from './fixture-extra';
import { scheduleFreeAdamw } from './schedule-free-adamw';

// Float64 reference trajectories (tools/fixtures/optimizers_extra.py) on cpu and wasm, and option errors.
describeNamedOptimizer('scheduleFreeAdamw', scheduleFreeAdamw, [[{ beta1: 0 }, 'beta1'], [{ beta2: 1 }, 'beta2'], [{ warmupSteps: -1 }, 'warmupSteps'], [{ learningRate: -1 }, 'learningRate'], [{ weightLrPower: -1 }, 'weightLrPower']]);
