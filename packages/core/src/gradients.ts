// tfjs-core's Node and CJS bundles register no gradient functions (only its unbundled ESM modules do, as a side
// effect). nnopt bundles tfjs-core's own gradient configs and registers them on demand, so `tf.grad` works in
// ESM and CJS, in Node and in browsers, without a side-effect import.
import { getGradient, registerGradient, type GradConfig } from '@tensorflow/tfjs-core';
import { absGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Abs_grad';
import { acosGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Acos_grad';
import { acoshGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Acosh_grad';
import { addGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Add_grad';
import { addNGradConfig } from '@tensorflow/tfjs-core/dist/gradients/AddN_grad';
import { argMaxGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ArgMax_grad';
import { argMinGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ArgMin_grad';
import { asinGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Asin_grad';
import { asinhGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Asinh_grad';
import { atan2GradConfig } from '@tensorflow/tfjs-core/dist/gradients/Atan2_grad';
import { atanGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Atan_grad';
import { atanhGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Atanh_grad';
import { avgPool3DGradConfig } from '@tensorflow/tfjs-core/dist/gradients/AvgPool3D_grad';
import { avgPoolGradConfig } from '@tensorflow/tfjs-core/dist/gradients/AvgPool_grad';
import { batchMatMulGradConfig } from '@tensorflow/tfjs-core/dist/gradients/BatchMatMul_grad';
import { batchToSpaceNDGradConfig } from '@tensorflow/tfjs-core/dist/gradients/BatchToSpaceND_grad';
import { broadcastToGradConfig } from '@tensorflow/tfjs-core/dist/gradients/BroadcastTo_grad';
import { castGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Cast_grad';
import { ceilGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Ceil_grad';
import { clipByValueGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ClipByValue_grad';
import { complexAbsGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ComplexAbs_grad';
import { concatGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Concat_grad';
import { conv2DGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Conv2D_grad';
import { conv2DBackpropInputGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Conv2DBackpropInput_grad';
import { conv3DGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Conv3D_grad';
import { cosGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Cos_grad';
import { coshGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Cosh_grad';
import { cumsumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Cumsum_grad';
import { depthwiseConv2dNativeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/DepthwiseConv2dNative_grad';
import { dilation2dGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Dilation2D_grad';
import { eluGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Elu_grad';
import { erfGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Erf_grad';
import { expGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Exp_grad';
import { expandDimsGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ExpandDims_grad';
import { expm1GradConfig } from '@tensorflow/tfjs-core/dist/gradients/Expm1_grad';
import { floorGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Floor_grad';
import { floorDivGradConfig } from '@tensorflow/tfjs-core/dist/gradients/FloorDiv_grad';
import { fusedBatchNormGradConfig } from '@tensorflow/tfjs-core/dist/gradients/FusedBatchNorm_grad';
import { gatherGradConfig } from '@tensorflow/tfjs-core/dist/gradients/GatherV2_grad';
import { greaterEqualGradConfig } from '@tensorflow/tfjs-core/dist/gradients/GreaterEqual_grad';
import { identityGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Identity_grad';
import { isFiniteGradConfig } from '@tensorflow/tfjs-core/dist/gradients/IsFinite_grad';
import { isInfGradConfig } from '@tensorflow/tfjs-core/dist/gradients/IsInf_grad';
import { isNanGradConfig } from '@tensorflow/tfjs-core/dist/gradients/IsNan_grad';
import { leakyReluGradConfig } from '@tensorflow/tfjs-core/dist/gradients/LeakyRelu_grad';
import { log1pGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Log1p_grad';
import { logGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Log_grad';
import { logSoftmaxGradConfig } from '@tensorflow/tfjs-core/dist/gradients/LogSoftmax_grad';
import { lrnGradConfig } from '@tensorflow/tfjs-core/dist/gradients/LRN_grad';
import { maxGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Max_grad';
import { maximumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Maximum_grad';
import { maxPool3DGradConfig } from '@tensorflow/tfjs-core/dist/gradients/MaxPool3D_grad';
import { maxPoolGradConfig } from '@tensorflow/tfjs-core/dist/gradients/MaxPool_grad';
import { meanGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Mean_grad';
import { minGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Min_grad';
import { minimumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Minimum_grad';
import { mirrorPadGradConfig } from '@tensorflow/tfjs-core/dist/gradients/MirrorPad_grad';
import { modGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Mod_grad';
import { multiplyGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Multiply_grad';
import { negGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Neg_grad';
import { oneHotGradConfig } from '@tensorflow/tfjs-core/dist/gradients/OneHot_grad';
import { onesLikeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/OnesLike_grad';
import { packGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Pack_grad';
import { padV2GradConfig } from '@tensorflow/tfjs-core/dist/gradients/PadV2_grad';
import { powGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Pow_grad';
import { preluGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Prelu_grad';
import { prodGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Prod_grad';
import { divGradConfig } from '@tensorflow/tfjs-core/dist/gradients/RealDiv_grad';
import { reciprocalGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Reciprocal_grad';
import { relu6GradConfig } from '@tensorflow/tfjs-core/dist/gradients/Relu6_grad';
import { reluGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Relu_grad';
import { reshapeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Reshape_grad';
import { resizeBilinearGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ResizeBilinear_grad';
import { resizeNearestNeighborGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ResizeNearestNeighbor_grad';
import { reverseGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Reverse_grad';
import { roundGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Round_grad';
import { rsqrtGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Rsqrt_grad';
import { selectGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Select_grad';
import { seluGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Selu_grad';
import { sigmoidGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sigmoid_grad';
import { signGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sign_grad';
import { sinGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sin_grad';
import { sinhGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sinh_grad';
import { sliceGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Slice_grad';
import { softmaxGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Softmax_grad';
import { softplusGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Softplus_grad';
import { spaceToBatchNDGradConfig } from '@tensorflow/tfjs-core/dist/gradients/SpaceToBatchND_grad';
import { splitVGradConfig } from '@tensorflow/tfjs-core/dist/gradients/SplitV_grad';
import { sqrtGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sqrt_grad';
import { squareGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Square_grad';
import { squaredDifferenceGradConfig } from '@tensorflow/tfjs-core/dist/gradients/SquaredDifference_grad';
import { stepGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Step_grad';
import { subGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sub_grad';
import { sumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sum_grad';
import { tanGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Tan_grad';
import { tanhGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Tanh_grad';
import { tileGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Tile_grad';
import { transposeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Transpose_grad';
import { unpackGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Unpack_grad';
import { unsortedSegmentSumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/UnsortedSegmentSum_grad';
import { zerosLikeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ZerosLike_grad';

const gradConfigs: readonly GradConfig[] = [
  absGradConfig,
  acosGradConfig,
  acoshGradConfig,
  addGradConfig,
  addNGradConfig,
  argMaxGradConfig,
  argMinGradConfig,
  asinGradConfig,
  asinhGradConfig,
  atan2GradConfig,
  atanGradConfig,
  atanhGradConfig,
  avgPool3DGradConfig,
  avgPoolGradConfig,
  batchMatMulGradConfig,
  batchToSpaceNDGradConfig,
  broadcastToGradConfig,
  castGradConfig,
  ceilGradConfig,
  clipByValueGradConfig,
  complexAbsGradConfig,
  concatGradConfig,
  conv2DBackpropInputGradConfig,
  conv2DGradConfig,
  conv3DGradConfig,
  cosGradConfig,
  coshGradConfig,
  cumsumGradConfig,
  depthwiseConv2dNativeGradConfig,
  dilation2dGradConfig,
  divGradConfig,
  eluGradConfig,
  erfGradConfig,
  expGradConfig,
  expandDimsGradConfig,
  expm1GradConfig,
  floorDivGradConfig,
  floorGradConfig,
  fusedBatchNormGradConfig,
  gatherGradConfig,
  greaterEqualGradConfig,
  identityGradConfig,
  isFiniteGradConfig,
  isInfGradConfig,
  isNanGradConfig,
  leakyReluGradConfig,
  log1pGradConfig,
  logGradConfig,
  logSoftmaxGradConfig,
  lrnGradConfig,
  maxGradConfig,
  maxPool3DGradConfig,
  maxPoolGradConfig,
  maximumGradConfig,
  meanGradConfig,
  minGradConfig,
  minimumGradConfig,
  mirrorPadGradConfig,
  modGradConfig,
  multiplyGradConfig,
  negGradConfig,
  oneHotGradConfig,
  onesLikeGradConfig,
  packGradConfig,
  padV2GradConfig,
  powGradConfig,
  preluGradConfig,
  prodGradConfig,
  reciprocalGradConfig,
  relu6GradConfig,
  reluGradConfig,
  reshapeGradConfig,
  resizeBilinearGradConfig,
  resizeNearestNeighborGradConfig,
  reverseGradConfig,
  roundGradConfig,
  rsqrtGradConfig,
  selectGradConfig,
  seluGradConfig,
  sigmoidGradConfig,
  signGradConfig,
  sinGradConfig,
  sinhGradConfig,
  sliceGradConfig,
  softmaxGradConfig,
  softplusGradConfig,
  spaceToBatchNDGradConfig,
  splitVGradConfig,
  sqrtGradConfig,
  squareGradConfig,
  squaredDifferenceGradConfig,
  stepGradConfig,
  subGradConfig,
  sumGradConfig,
  tanGradConfig,
  tanhGradConfig,
  tileGradConfig,
  transposeGradConfig,
  unpackGradConfig,
  unsortedSegmentSumGradConfig,
  zerosLikeGradConfig
];

let registered = false;

/**
 * Registers tfjs-core's gradient functions for every kernel that has none yet. Idempotent and cheap after the
 * first call; `useBackend` and every nnopt function that differentiates call it, so users rarely need to.
 */
export function ensureGradients(): void {
  if (registered) return;
  for (const config of gradConfigs) {
    if (getGradient(config.kernelName) == null) registerGradient(config);
  }
  registered = true;
}
