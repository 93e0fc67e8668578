import { adabelief } from './adabelief';
import { adadelta } from './adadelta';
import { adafactor } from './adafactor';
import { adagrad } from './adagrad';
import { adam } from './adam';
import { adamax } from './adamax';
import { adamw } from './adamw';
import { lamb } from './lamb';
import { lars } from './lars';
import { lion } from './lion';
import { muon } from './muon';
import { nadam } from './nadam';
import { radam } from './radam';
import { rmsprop } from './rmsprop';
import { scheduleFreeAdamw } from './schedule-free-adamw';
import { sgd } from './sgd';
import { registerOptimizer } from './to-optimizer';

/**
 * Registers every named optimizer of this package with tfjs serialization, so `tf.loadLayersModel` can rebuild a
 * model's optimizer from its saved `getConfig()` in a process that has not built that optimizer yet. Building any
 * named optimizer registers itself; call this once before loading otherwise. Idempotent.
 */
export function registerOptimizers(): void {
  const named: { [name: string]: (options: never) => unknown } = {
    adabelief,
    adadelta,
    adafactor,
    adagrad,
    adam,
    adamax,
    adamw,
    lamb,
    lars,
    lion,
    muon,
    nadam,
    radam,
    rmsprop,
    scheduleFreeAdamw,
    sgd,
  };
  for (const [name, factory] of Object.entries(named)) {
    registerOptimizer(name, (config) => factory(config as never) as ReturnType<typeof adam>);
  }
}
