import type { Callback, State } from '@nnopt/core';
import type { FitContext } from '../fit';
import { setHyperparameter } from '../hyperparameters';

/** A metric-driven schedule such as `reduceLROnPlateau` of @nnopt/schedulers. */
export interface PlateauSchedule {
  observe(metric: number): void;
  current(): number;
  stateDict?(): object;
  loadStateDict?(state: never): void;
}

/**
 * Feeds the monitored epoch metric (default `val_loss`, else `loss`) to a plateau schedule after each epoch and sets
 * the optimizer's hyperparameter (default `learningRate`) to the schedule's current value.
 */
export function onPlateau(
  schedule: PlateauSchedule,
  { monitor = 'val_loss', hyperparameter = 'learningRate' }: { monitor?: string; hyperparameter?: string } = {},
): Callback {
  return {
    name: 'onPlateau',
    stateDict: () => ({ ...(schedule.stateDict?.() as State | undefined) }),
    loadStateDict: (state) => schedule.loadStateDict?.(state as never),
    onTrainBegin(context) {
      setHyperparameter((context as FitContext).optimizer, hyperparameter, schedule.current());
    },
    onEpochEnd(context, logs) {
      const value = logs[monitor] ?? logs[monitor.replace(/^val_/, '')];
      if (value === undefined) throw new Error(`onPlateau: the epoch logs have no '${monitor}'`);
      schedule.observe(value);
      setHyperparameter((context as FitContext).optimizer, hyperparameter, schedule.current());
    },
  };
}
