import * as tf from '@tensorflow/tfjs-core';
import type { ForwardOptions, TensorMap, TrainableModel } from '@nnopt/core';

/** The part of a tfjs-layers weight the adapter uses (`LayerVariable`). */
export interface LayersWeightLike {
  readonly originalName: string;
  read(): tf.Tensor;
}

/** The part of a tfjs-layers `LayersModel` the adapter uses; structurally typed, so tfjs-layers is not a dependency. */
export interface LayersModelLike {
  apply(inputs: tf.Tensor, kwargs?: { training?: boolean }): tf.Tensor | tf.Tensor[] | unknown;
  readonly trainableWeights: readonly LayersWeightLike[];
  readonly nonTrainableWeights: readonly LayersWeightLike[];
}

/**
 * Wraps a tfjs-layers `LayersModel` (from `@tensorflow/tfjs-layers` or the `@tensorflow/tfjs` union) as a core
 * `TrainableModel`, so nnopt optimizers, regularizers and the trainer can train it. `forward` calls
 * `model.apply(x, { training })`; variables are named by their tfjs-layers names with `/` replaced by `.`
 * (`dense_Dense1/kernel` -> `dense_Dense1.kernel`). The variables stay owned by the LayersModel. Keras layouts
 * are kept (Dense kernels `[in, out]`, conv kernels HWIO): these names and shapes are not PyTorch's.
 * Layers' own dropout draws from tfjs' global RNG; `options.key` is not used.
 */
export function fromLayersModel(model: LayersModelLike): TrainableModel {
  const collect = (weights: readonly LayersWeightLike[]): TensorMap<tf.Variable> => {
    const out: TensorMap<tf.Variable> = {};
    for (const w of weights) out[w.originalName.replace(/\//g, '.')] = w.read() as tf.Variable;
    return out;
  };
  return {
    forward: (x: tf.Tensor, { training }: ForwardOptions) => {
      const y = model.apply(x, { training });
      if (!(y instanceof tf.Tensor)) throw new Error('fromLayersModel: the model must have exactly one output tensor');
      return y;
    },
    namedParameters: () => collect(model.trainableWeights),
    namedBuffers: () => collect(model.nonTrainableWeights),
  };
}
