export { injectHyperparams, type HyperparamValues, type InjectedTransform, type InjectHyperparamsState } from './inject-hyperparams';
export { scaleByLearningRate, type ScaleByLearningRateState } from './scale-by-learning-rate';
export {
  registerOptimizerClass,
  toOptimizer,
  TransformOptimizer,
  type HyperparamsHolder,
  type NamedTensor,
  type OptimizerStateDict,
  type ToOptimizerOptions,
} from './to-optimizer';
export { trace, type TraceOptions, type TraceState } from './trace';
