import { describeNamedOptimizer } from './fixture-extra';
import { adafactor } from './adafactor';

// Float64 reference trajectories (tools/fixtures/optimizers_extra.py) on cpu and wasm, and option errors.
describeNamedOptimizer('adafactor', adafactor, [[{ decayRate: 0 }, 'decayRate'], [{ decayOffset: -1 }, 'decayOffset'], [{ clippingThreshold: -1 }, 'clippingThreshold'], [{ minDimSizeToFactor: 0 }, 'minDimSizeToFactor'], [{ momentum: 1 }, 'momentum'], [{ epsilon: -1 }, 'epsilon']]);
