import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from '@nnopt/core';
import { DEBIAN_FASHION_MNIST } from '@nnopt/trainer/node';

// These tests run the built executable as a user would (`nx run @nnopt/cli:test` builds it first).
const cli = join(__dirname, '..', 'dist', 'cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
const hasData = existsSync(DEBIAN_FASHION_MNIST);
const scratch = () => mkdtempSync(join(tmpdir(), 'nnopt-cli-'));

describe('nnopt CLI: bad input exits 2 with a message naming the fault', () => {
  it.each([
    [['train', '--set', 'optimizer.lr=0.1'], /recipe: optimizer\.lr: unknown field \(known: name, learningRate/],
    [['train', '--lr', 'fast'], /--lr must be a number, got 'fast'/],
    [['train', '--set', 'model.name="transformer"'], /model\.name must be one of "cnn", "small-cnn", "mlp", "resnet", got "transformer"/],
    [['train', '--recipe', '/nonexistent.json'], /recipe file not found: \/nonexistent\.json/],
    [['train', '--resume'], /--resume needs --out DIR/],
    [['eval', '--run', '/nonexistent'], /run recipe not found: \/nonexistent\/recipe\.json/],
    [['fly'], /unknown command 'fly'/],
    [['train', '--frobnicate'], /Unknown option '--frobnicate'/],
  ])('%j', (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('rejects a recipe file with an unknown nested field, naming file and field', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'r.json'), JSON.stringify({ augment: { flip: true, rotate: 10 } }));
    const result = run(['train', '--recipe', join(dir, 'r.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'r.json')}: augment.rotate: unknown field`);
  });

  it('prints help for each command', () => {
    for (const command of ['train', 'eval', 'lr-find', 'schedule']) {
      const result = run([command, '--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: nnopt /);
    }
  });

  it('plots a schedule', () => {
    const result = run(['schedule', '--schedule', 'cosine', '--lr', '0.1', '--epochs', '2', '--steps-per-epoch', '10']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/cosine schedule, lr 0\.1, 2 epochs x 10 steps/);
    expect(result.stdout).toMatch(/1\.00e-1 \|.*\*/);
  });
});

describe.skipIf(!hasData)('nnopt train on Fashion-MNIST (Debian dataset-fashion-mnist)', () => {
  const small = ['--limit', '640', '--epochs', '2', '--batch-size', '32', '--width', '4', '--set', 'model.hidden=16', '--set', 'checkpointEvery=1'];

  it('writes a complete run directory, and eval reads it back', () => {
    const out = join(scratch(), 'run');
    const result = run(['train', ...small, '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/test accuracy \d+\.\d\d%/);
    for (const file of ['recipe.json', 'metrics.jsonl', 'metrics.csv', 'model.safetensors', 'summary.json', 'checkpoints/last.safetensors', 'checkpoints/best.safetensors']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.history).toHaveLength(2);
    const evaluated = run(['eval', '--run', out]);
    expect(evaluated.status, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toContain(`test_acc ${summary.test_acc.toFixed(4)}`);
    // Running into an existing run directory without --resume must not touch it.
    const again = run(['train', ...small, '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already holds a run: pass --resume/);
    // A corrupt checkpoint: a clear error naming the file, exit 1, and the other checkpoint untouched.
    const last = join(out, 'checkpoints', 'last.safetensors');
    const best = readFileSync(join(out, 'checkpoints', 'best.safetensors'));
    writeFileSync(last, readFileSync(last).subarray(0, 1000));
    const corrupt = run(['train', '--resume', '--out', out]);
    expect(corrupt.status).toBe(1);
    expect(corrupt.stderr).toContain(`nnopt: ${last}: truncated`);
    expect(readFileSync(join(out, 'checkpoints', 'best.safetensors')).equals(best)).toBe(true);
  });

  it('a run killed mid-epoch and resumed ends with bit-identical weights', async () => {
    const base = scratch();
    const full = run(['train', ...small, '--out', join(base, 'full')]);
    expect(full.status, full.stderr).toBe(0);

    const out = join(base, 'killed');
    const child = spawn(process.execPath, [cli, 'train', ...small, '--out', out], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Kill it (SIGKILL: no cleanup) once the first epoch is logged, i.e. during the second epoch.
    const metrics = join(out, 'metrics.jsonl');
    while (!(existsSync(metrics) && readFileSync(metrics, 'utf8').includes('\n'))) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(out, 'summary.json')), 'the run finished before it was killed').toBe(false);

    const resumed = run(['train', '--resume', '--out', out]);
    expect(resumed.status, resumed.stderr).toBe(0);
    const a = decodeSafetensors(new Uint8Array(readFileSync(join(base, 'full', 'model.safetensors')))).tensors;
    const b = decodeSafetensors(new Uint8Array(readFileSync(join(out, 'model.safetensors')))).tensors;
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const name of Object.keys(a)) expect(Array.from(b[name]!.data), name).toEqual(Array.from(a[name]!.data));
  });
});
