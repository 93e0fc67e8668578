import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam } from './adam';
import { adamax } from './adamax';
import { adamw } from './adamw';
import { nadam } from './nadam';
import { radam } from './radam';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';
import { registerOptimizer } from './to-optimizer';

/**
 * Registers every named optimizer of this package with tfjs serialization, so `tf.loadLayersModel` can rebuild a
 * model's optimizer from its saved `getConfig()` in a process that has not built that optimizer yet. Building any
 * named optimizer registers itself; call this once before loading otherwise. Idempotent.
 */
export function registerOptimizers(): void {
  const named: { [name: string]: (options: never) => unknown } = { adadelta, adagrad, adam, adamax, adamw, nadam, radam, rmsprop, sgd };
  for (const [name, factory] of Object.entries(named)) {
    registerOptimizer(name, (config) => factory(config as never) as ReturnType<typeof adam>);
  }
}
