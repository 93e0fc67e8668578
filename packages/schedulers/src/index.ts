export type { Schedule } from './schedule';

// PyTorch torch.optim.lr_scheduler
export { chainedScheduler, type ChainedSchedulerOptions } from './chained-scheduler';
export { constantLR, type ConstantLROptions } from './constant-lr';
export { cosineAnnealingLR, type CosineAnnealingLROptions } from './cosine-annealing-lr';
export {
  cosineAnnealingWarmRestarts,
  type CosineAnnealingWarmRestartsOptions,
} from './cosine-annealing-warm-restarts';
export { cyclicLR, cyclicMomentum, type CyclicLRMode, type CyclicLROptions } from './cyclic-lr';
export { exponentialLR, type ExponentialLROptions } from './exponential-lr';
export { lambdaLR, type LambdaLROptions } from './lambda-lr';
export { linearLR, type LinearLROptions } from './linear-lr';
export { multiStepLR, type MultiStepLROptions } from './multi-step-lr';
export { multiplicativeLR, type MultiplicativeLROptions } from './multiplicative-lr';
export { oneCycleLR, oneCycleMomentum, type OneCycleLROptions } from './one-cycle-lr';
export { polynomialLR, type PolynomialLROptions } from './polynomial-lr';
export {
  reduceLROnPlateau,
  type ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
  type ReduceLROnPlateauState,
} from './reduce-lr-on-plateau';
export { sequentialLR } from './sequential-lr';
export { stepLR, type StepLROptions } from './step-lr';

// optax
export { type BoundariesAndScales } from './boundaries-and-scales';
export { cosineDecay, type CosineDecayOptions } from './cosine-decay';
export { exponentialDecay, type ExponentialDecayOptions } from './exponential-decay';
export { joinSchedules } from './join-schedules';
export { linearSchedule, type LinearScheduleOptions } from './linear-schedule';
export { piecewiseConstant, type PiecewiseConstantOptions } from './piecewise-constant';
export { piecewiseInterpolate, type PiecewiseInterpolateOptions } from './piecewise-interpolate';
export { sgdr } from './sgdr';
export { warmupCosineDecay, type WarmupCosineDecayOptions } from './warmup-cosine-decay';
export { warmupExponentialDecay, type WarmupExponentialDecayOptions } from './warmup-exponential-decay';

// timm
export { cosineLR, type CosineLROptions } from './cosine-lr';

// helpers
export { perEpoch } from './per-epoch';
export { sample } from './sample';
export { warmup } from './warmup';
