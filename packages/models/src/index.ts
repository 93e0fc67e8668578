export { childOptions, defineModule, namedModules, type Module, type ModuleSpec, type TorchLayout } from './module';
export {
  calculateGain,
  computeFans,
  constantInit,
  kaimingNormal,
  kaimingUniform,
  normalInit,
  onesInit,
  orthogonal,
  uniformInit,
  xavierNormal,
  xavierUniform,
  zerosInit,
  type Initializer,
  type KaimingOptions,
  type Nonlinearity,
} from './initializers';
export { createBuffer, createParameter, fromTorchLayout, toTorchLayout, torchShape } from './parameter';
export { loadStateDict, saveStateDict, stateDict, type LoadStateDictOptions, type LoadStateDictResult } from './state-dict';
export { parameterCount, summary, summaryRows, type SummaryRow } from './summary';
export { fromLayersModel, type LayersModelLike, type LayersWeightLike } from './layers-model-adapter';
export {
  activationByName,
  activations,
  elu,
  gelu,
  leakyRelu,
  mish,
  relu,
  selu,
  sigmoid,
  silu,
  softmax,
  tanh,
  type ActivationName,
} from './layers/activations';
export { basicBlock, type BasicBlockOptions } from './layers/basic-block';
export { batchNorm1d, batchNorm2d, type BatchNormOptions } from './layers/batch-norm';
export { bottleneck, type BottleneckOptions } from './layers/bottleneck';
export { conv2d, type Conv2dOptions, type Size2 } from './layers/conv2d';
export { alphaDropout, dropout, dropout2d, dropPath } from './layers/dropout';
export { embedding, type EmbeddingOptions } from './layers/embedding';
export { flatten } from './layers/flatten';
export { groupNorm, type GroupNormOptions } from './layers/group-norm';
export { layerNorm, type LayerNormOptions } from './layers/layer-norm';
export { linear, type LinearOptions } from './layers/linear';
export {
  multiHeadAttention,
  type AttentionMasks,
  type MultiHeadAttention,
  type MultiHeadAttentionOptions,
} from './layers/multi-head-attention';
export { adaptiveAvgPool2d, avgPool2d, globalAvgPool2d, maxPool2d, type Pool2dOptions } from './layers/pooling';
export { selfAttention2d, type SelfAttention2dOptions } from './layers/self-attention2d';
export { sequential } from './layers/sequential';
export { transformerEncoderBlock, type TransformerEncoderBlockOptions } from './layers/transformer-encoder-block';
export { mlp, type MlpOptions } from './models/mlp';
export { resnet, resnet18SelfAttention, type ResNetOptions } from './models/resnet';
export { smallCnn, type SmallCnnOptions } from './models/small-cnn';
export { vit, type VitOptions } from './models/vit';
export { checkBackend, type BackendReport, type CheckBackendOptions } from './check-backend';
export { conv2dBackpropFilter } from './kernels/conv2d-backprop-filter';
export { conv2dBackpropInput } from './kernels/conv2d-backprop-input';
export { depthwiseConv2dBackpropFilter } from './kernels/depthwise-conv2d-backprop-filter';
export { depthwiseConv2dBackpropInput } from './kernels/depthwise-conv2d-backprop-input';
export { registerDilatedConvGradients } from './kernels/dilated-conv-gradients';
export { registerWasmTrainingKernels, wasmTrainingKernelNames } from './kernels/register-wasm-training-kernels';
export { unsortedSegmentSum } from './kernels/unsorted-segment-sum';
