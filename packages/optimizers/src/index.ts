export { adabelief, type AdaBeliefOptions } from './adabelief';
export { adadelta, type AdadeltaOptions } from './adadelta';
export { adafactor, type AdafactorOptions } from './adafactor';
export { adagrad, type AdagradOptions } from './adagrad';
export { adam, type AdamOptions } from './adam';
export { adamax, type AdamaxOptions } from './adamax';
export { adamw } from './adamw';
export { addDecayedWeights } from './add-decayed-weights';
export { addL2Gradient } from './add-l2-gradient';
export { addNoise, type AddNoiseOptions, type AddNoiseState } from './add-noise';
export { applyIfFinite, type ApplyIfFiniteOptions, type ApplyIfFiniteState } from './apply-if-finite';
export { centralize, type CentralizeOptions } from './centralize';
export { clipByBlockRms, type ClipByBlockRmsOptions } from './clip-by-block-rms';
export { clipByGlobalNorm } from './clip-by-global-norm';
export { clipByNorm, type ClipByNormOptions } from './clip-by-norm';
export { clipByValue, type ClipByValueOptions } from './clip-by-value';
export { ema, type EmaOptions, type EmaState } from './ema';
export { injectHyperparams, type HyperparamValues, type InjectedTransform, type InjectHyperparamsState } from './inject-hyperparams';
export { lamb, type LambOptions } from './lamb';
export { lars, type LarsOptions } from './lars';
export { lion, type LionOptions } from './lion';
export { lookahead, type LookaheadOptions, type LookaheadState } from './lookahead';
export { masked } from './masked';
export { multiSteps, type MultiStepsOptions, type MultiStepsState } from './multi-steps';
export { muon, type MuonOptions } from './muon';
export { nadam, type NadamOptions } from './nadam';
export type { ParamSelector } from './param-selector';
export { partition, type ParamLabels } from './partition';
export type { PerVariableState } from './per-variable';
export { radam, type RadamOptions } from './radam';
export { registerOptimizers } from './register-optimizers';
export { rmsprop, type RmspropOptions } from './rmsprop';
export { scaleByAdadelta, type ScaleByAdadeltaOptions, type ScaleByAdadeltaState } from './scale-by-adadelta';
export { scaleByAdagrad, type ScaleByAdagradOptions, type ScaleByAdagradState } from './scale-by-adagrad';
export { scaleByAdam, type ScaleByAdamOptions, type ScaleByAdamState } from './scale-by-adam';
export { scaleByAdamax, type ScaleByAdamaxOptions, type ScaleByAdamaxState } from './scale-by-adamax';
export { scaleByBelief, type ScaleByBeliefOptions, type ScaleByBeliefState } from './scale-by-belief';
export { scaleByFactoredRms, type ScaleByFactoredRmsOptions, type ScaleByFactoredRmsState } from './scale-by-factored-rms';
export { scaleByLearningRate, type ScaleByLearningRateState } from './scale-by-learning-rate';
export { scaleByLion, type ScaleByLionOptions, type ScaleByLionState } from './scale-by-lion';
export { newtonSchulz, scaleByMuon, type ScaleByMuonOptions, type ScaleByMuonState } from './scale-by-muon';
export { scaleByNadam, type ScaleByNadamOptions, type ScaleByNadamState } from './scale-by-nadam';
export { scaleByParamBlockRms, type ScaleByParamBlockRmsOptions } from './scale-by-param-block-rms';
export { scaleByRadam, type ScaleByRadamOptions, type ScaleByRadamState } from './scale-by-radam';
export { scaleByRms, type ScaleByRmsOptions, type ScaleByRmsState } from './scale-by-rms';
export { scaleByStddev, type ScaleByStddevState } from './scale-by-stddev';
export { scaleByTrustRatio, type ScaleByTrustRatioOptions } from './scale-by-trust-ratio';
export { scheduleFree, type ScheduleFreeOptions, type ScheduleFreeState } from './schedule-free';
export { scheduleFreeAdamw, type ScheduleFreeAdamwOptions } from './schedule-free-adamw';
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
