import * as tf from '@tensorflow/tfjs-core';
import './style.css';
import { activateBackend, backendNames, detectBackends, type PlaygroundBackend } from './backends';
import { drawChart } from './chart';
import { loadDataset, type Dataset } from './data';
import {
  augmentNames,
  defaultLearningRate,
  optimizerNames,
  schedule,
  scheduleNames,
  type AugmentName,
  type OptimizerName,
  type ScheduleName,
} from './recipes';
import { train, validateConfig, type RunConfig, type StepMetrics } from './train';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('controls');
const backendSelect = $<HTMLSelectElement>('backend');
const optimizerSelect = $<HTMLSelectElement>('optimizer');
const scheduleSelect = $<HTMLSelectElement>('schedule');
const augmentSelect = $<HTMLSelectElement>('augment');
const lrInput = $<HTMLInputElement>('learningRate');
const stepsInput = $<HTMLInputElement>('steps');
const batchInput = $<HTMLInputElement>('batchSize');
const trainButton = $<HTMLButtonElement>('train');
const stopButton = $<HTMLButtonElement>('stop');
const status = $<HTMLParagraphElement>('status');

/** What a test (or a curious user in devtools) can read: the run's state and its metrics. */
interface PlaygroundHandle {
  state: 'loading' | 'ready' | 'training' | 'done' | 'error';
  backend?: string;
  history: StepMetrics[];
  error?: string;
}
const handle: PlaygroundHandle = { state: 'loading', history: [] };
(window as unknown as { playground: PlaygroundHandle }).playground = handle;

const fill = (select: HTMLSelectElement, names: readonly string[], selected: string) => {
  select.replaceChildren(...names.map((n) => new Option(n, n, n === selected, n === selected)));
};
fill(optimizerSelect, optimizerNames, 'adam');
fill(scheduleSelect, scheduleNames, 'warmupCosineDecay');
fill(augmentSelect, augmentNames, 'none');
lrInput.value = String(defaultLearningRate.adam);
optimizerSelect.addEventListener('change', () => {
  lrInput.value = String(defaultLearningRate[optimizerSelect.value as OptimizerName]);
  drawSchedulePreview();
});
for (const el of [scheduleSelect, lrInput, stepsInput]) el.addEventListener('change', () => drawSchedulePreview());

const setStatus = (state: PlaygroundHandle['state'], text: string) => {
  handle.state = state;
  status.dataset.state = state;
  status.textContent = text;
};

const readConfig = (): RunConfig => ({
  optimizer: optimizerSelect.value as OptimizerName,
  learningRate: Number(lrInput.value),
  schedule: scheduleSelect.value as ScheduleName,
  augment: augmentSelect.value as AugmentName,
  steps: Number(stepsInput.value),
  batchSize: Number(batchInput.value),
  evalEvery: Math.max(1, Math.round(Number(stepsInput.value) / 20)),
  seed: 0,
});

const charts = {
  loss: $<HTMLCanvasElement>('chart-loss'),
  acc: $<HTMLCanvasElement>('chart-acc'),
  lr: $<HTMLCanvasElement>('chart-lr'),
  ips: $<HTMLCanvasElement>('chart-ips'),
};

function smooth(values: readonly number[], window = 10): number[] {
  return values.map((_, i) => {
    const from = Math.max(0, i - window + 1);
    const slice = values.slice(from, i + 1);
    return slice.reduce((a, b) => a + b, 0) / slice.length;
  });
}

function drawSchedulePreview(history: readonly StepMetrics[] = []): void {
  const steps = Math.max(1, Number(stepsInput.value) || 1);
  const lr = Number(lrInput.value) || 0;
  let planned: (t: number) => number;
  try {
    planned = schedule(scheduleSelect.value as ScheduleName, lr, steps);
  } catch {
    planned = () => NaN; // an invalid option is reported when Train is pressed
  }
  const preview = Array.from({ length: Math.min(steps, 400) }, (_, i) => {
    const t = Math.round((i * (steps - 1)) / Math.max(1, Math.min(steps, 400) - 1));
    return [t, planned(t)] as const;
  });
  drawChart(
    charts.lr,
    'learning rate',
    [
      { label: 'schedule', color: '#9aa5b1', points: preview, dashed: true },
      { label: 'applied', color: '#7b3fe4', points: history.map((m) => [m.step, m.learningRate] as const) },
    ],
    steps,
  );
}

function render(history: readonly StepMetrics[], steps: number): void {
  const loss = history.map((m) => m.loss);
  const smoothed = smooth(loss);
  drawChart(
    charts.loss,
    'training loss (cross-entropy)',
    [
      { label: 'batch', color: '#c6d4f5', points: history.map((m, i) => [m.step, loss[i]!] as const) },
      { label: 'mean of 10', color: '#1f5fd6', points: history.map((m, i) => [m.step, smoothed[i]!] as const) },
    ],
    steps,
  );
  const evals = history.filter((m) => m.testAccuracy !== undefined);
  const trainAcc = smooth(history.map((m) => m.trainAccuracy));
  drawChart(
    charts.acc,
    'accuracy',
    [
      { label: 'train (mean of 10 batches)', color: '#e08b1f', points: history.map((m, i) => [m.step, trainAcc[i]!] as const) },
      { label: 'test (500 images)', color: '#1a9e55', points: evals.map((m) => [m.step, m.testAccuracy!] as const) },
    ],
    steps,
    [0, 1],
  );
  drawSchedulePreview(history);
  const ips = smooth(history.map((m) => m.imagesPerSecond));
  drawChart(charts.ips, 'throughput (images/s)', [{ label: 'mean of 10 steps', color: '#b0306a', points: history.map((m, i) => [m.step, ips[i]!] as const) }], steps);
  const last = history[history.length - 1];
  if (last === undefined) return;
  $('stat-step').textContent = `${last.step + 1} / ${steps}`;
  $('stat-loss').textContent = smoothed[smoothed.length - 1]!.toFixed(4);
  $('stat-acc').textContent = evals.length ? `${(100 * evals[evals.length - 1]!.testAccuracy!).toFixed(1)}%` : '–';
  $('stat-lr').textContent = last.learningRate.toExponential(2);
  $('stat-ips').textContent = `${Math.round(ips[ips.length - 1]!)} img/s`;
  $('stat-tensors').textContent = String(last.numTensors);
}

let data: Dataset | undefined;
let stopRequested = false;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void run();
});
stopButton.addEventListener('click', () => (stopRequested = true));

async function run(): Promise<void> {
  if (data === undefined) return;
  const config = readConfig();
  try {
    validateConfig(config);
  } catch (error) {
    setStatus('error', (error as Error).message);
    return;
  }
  trainButton.disabled = true;
  stopButton.disabled = false;
  stopRequested = false;
  handle.history = [];
  handle.error = undefined;
  let lastDraw = 0;
  try {
    const backend = backendSelect.value as PlaygroundBackend;
    setStatus('training', `Starting ${backend}…`);
    handle.backend = await activateBackend(backend);
    setStatus('training', `Training on ${handle.backend}: ${config.optimizer}, ${config.schedule}, augmentation ${config.augment}`);
    await train(
      data,
      config,
      (metrics) => {
        handle.history.push(metrics);
        // Redraw at most ~10 times a second: drawing is cheap, but not free next to a small model's step.
        if (performance.now() - lastDraw > 100 || metrics.step + 1 === config.steps) {
          lastDraw = performance.now();
          render(handle.history, config.steps);
        }
      },
      () => stopRequested,
    );
    render(handle.history, config.steps);
    const last = handle.history[handle.history.length - 1];
    setStatus('done', `Done on ${handle.backend}: ${handle.history.length} steps` + (last ? `, last batch loss ${last.loss.toFixed(3)}` : ''));
  } catch (error) {
    handle.error = (error as Error).message;
    setStatus('error', `Training failed: ${handle.error}`);
  } finally {
    trainButton.disabled = false;
    stopButton.disabled = true;
  }
}

async function start(): Promise<void> {
  const available = await detectBackends();
  backendSelect.replaceChildren(
    ...backendNames.map((name) => {
      const a = available[name];
      const option = new Option(a.available ? name : `${name} (unavailable)`, name);
      option.disabled = !a.available;
      return option;
    }),
  );
  backendSelect.value = backendNames.find((n) => available[n].available) ?? 'cpu';
  $('backends-note').textContent =
    'Backends: ' +
    backendNames.map((n) => `${n} ${available[n].available ? 'available' : `unavailable (${available[n].reason})`}`).join('; ') +
    `. tfjs-core ${tf.version_core}.`;
  drawSchedulePreview();
  data = await loadDataset();
  setStatus('ready', `Ready: ${data.train.size} training and ${data.test.size} test images bundled. Pick options and press Train.`);
}

start().catch((error: Error) => setStatus('error', `Loading failed: ${error.message}`));
