import * as tf from '@tensorflow/tfjs-core';
import { split, uniform, type ForwardOptions, type PRNGKey, type TensorMap, type TrainableModel } from '@nnopt/core';

/**
 * A two-layer perceptron 784 -> hidden -> 10 with ReLU, as a {@link TrainableModel} with PyTorch `state_dict` names
 * (`fc1.weight` [hidden, 784], `fc1.bias`, `fc2.weight` [10, hidden], `fc2.bias`), initialized like
 * `torch.nn.Linear` (U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for weights and biases) from a seeded key.
 */
export function mlp({ hidden = 128, key }: { hidden?: number; key: PRNGKey }): TrainableModel & { dispose(): void } {
  const [k1, k2, k3, k4] = split(key, 4) as [PRNGKey, PRNGKey, PRNGKey, PRNGKey];
  const linear = (fanIn: number, fanOut: number, kw: PRNGKey, kb: PRNGKey) => {
    const bound = 1 / Math.sqrt(fanIn);
    return {
      weight: tf.variable(tf.tidy(() => uniform(kw, [fanOut, fanIn], -bound, bound))),
      bias: tf.variable(tf.tidy(() => uniform(kb, [fanOut], -bound, bound))),
    };
  };
  const fc1 = linear(784, hidden, k1, k2);
  const fc2 = linear(hidden, 10, k3, k4);
  const params: TensorMap<tf.Variable> = {
    'fc1.weight': fc1.weight,
    'fc1.bias': fc1.bias,
    'fc2.weight': fc2.weight,
    'fc2.bias': fc2.bias,
  };
  return {
    forward(x: tf.Tensor, _options: ForwardOptions): tf.Tensor {
      return tf.tidy(() => {
        const flat = tf.reshape(x, [x.shape[0]!, 784]);
        const h = tf.relu(tf.add(tf.matMul(flat, fc1.weight, false, true), fc1.bias));
        return tf.add(tf.matMul(h, fc2.weight, false, true), fc2.bias);
      });
    },
    namedParameters: () => ({ ...params }),
    namedBuffers: () => ({}),
    dispose: () => tf.dispose(Object.values(params)),
  };
}
