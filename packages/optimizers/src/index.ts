export { adadelta, type AdadeltaOptions } from './adadelta';
export { adagrad, type AdagradOptions } from './adagrad';
export { adam, type AdamOptions } from './adam';
export { adamax, type AdamaxOptions } from './adamax';
export { adamw } from './adamw';
export { addDecayedWeights } from './add-decayed-weights';
export { addL2Gradient } from './add-l2-gradient';
export { injectHyperparams, type HyperparamValues, type InjectedTransform, type InjectHyperparamsState } from './inject-hyperparams';
export { nadam, type NadamOptions } from './nadam';
export type { ParamSelector } from './param-selector';
export type { PerVariableState } from './per-variable';
export { radam, type RadamOptions } from './radam';
export { registerOptimizers } from './register-optimizers';
export { rmsprop, type RmspropOptions } from './rmsprop';
export { scaleByAdadelta, type ScaleByAdadeltaOptions, type ScaleByAdadeltaState } from './scale-by-adadelta';
export { scaleByAdagrad, type ScaleByAdagradOptions, type ScaleByAdagradState } from './scale-by-adagrad';
export { scaleByAdam, type ScaleByAdamOptions, type ScaleByAdamState } from './scale-by-adam';
export { scaleByAdamax, type ScaleByAdamaxOptions, type ScaleByAdamaxState } from './scale-by-adamax';
export { scaleByLearningRate, type ScaleByLearningRateState } from './scale-by-learning-rate';
export { scaleByNadam, type ScaleByNadamOptions, type ScaleByNadamState } from './scale-by-nadam';
export { scaleByRadam, type ScaleByRadamOptions, type ScaleByRadamState } from './scale-by-radam';
export { scaleByRms, type ScaleByRmsOptions, type ScaleByRmsState } from './scale-by-rms';
export { scaleByStddev, type ScaleByStddevState } from './scale-by-stddev';
export { sgd, type SgdOptions } from './sgd';
export {
  registerOptimizer,
  registerOptimizerClass,
  toOptimizer,
  TransformOptimizer,
  type HyperparamsHolder,
  type NamedTensor,
  type OptimizerStateDict,
  type ToOptimizerOptions,
} from './to-optimizer';
export { trace, type TraceOptions, type TraceState } from './trace';
