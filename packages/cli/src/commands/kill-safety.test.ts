import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_FLAGS, toyFolder } from './training-commands.test-helper';

// The built executable (the root `pnpm test` builds every package first): SIGKILL needs a process of its own.
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'bin.js');
const pretrain = (output: string): string[] => [
  bin,
  'pretrain',
  '--objective',
  'clm',
  '-t',
  'tokenizer.json',
  '--steps',
  '3000',
  '--batch-size',
  '16',
  '--save-steps',
  '3',
  ...TINY_FLAGS,
  '-o',
  output,
  '--held-out',
  'held.txt',
  'corpus.txt',
];

/** `nlpft finetune` of a GPT-2 from random weights, two seeds of 300 steps each (~2 s), writing `predictions`. */
const finetune = (predictions: string): string[] => [
  bin,
  'finetune',
  '-t',
  'tokenizer.json',
  '--train',
  'train.tsv',
  '--test',
  'test.tsv',
  '--architecture',
  'gpt2',
  '--epochs',
  '100',
  '--batch-size',
  '16',
  '--seeds',
  '0,1',
  ...TINY_FLAGS,
  '--predictions',
  predictions,
  '--json',
];

/** The same fine-tuning four times longer (1,200 steps a seed), checkpointed every 5 steps in `runDir`. */
const finetuneInRunDir = (runDir: string, predictions: string): string[] => [
  ...finetune(predictions).map((a, i, all) => (all[i - 1] === '--epochs' ? '400' : a)),
  '--run-dir',
  runDir,
  '--save-steps',
  '5',
];

/** Runs the command; with `killAfterMs`, sends SIGKILL then (no handler runs, nothing is flushed). */
function run(
  args: string[],
  cwd: string,
  killAfterMs?: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer =
      killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** A seeded generator of kill moments in [from, from + span) ms (glibc's LCG constants). */
function killMoments(seed: number, from: number, span: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return from + (s % span);
  };
}

/** `--json` output without the wall-clock seconds, which differ between runs, and how a run reached its end. */
function withoutSeconds(stdout: string): unknown {
  const out = JSON.parse(stdout) as { runs: Record<string, unknown>[] };
  const varies = new Set(['seconds', 'resumedFrom', 'cached']);
  return {
    ...out,
    runs: out.runs.map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !varies.has(k))),
    ),
  };
}

/** What a killed run may leave: a complete checkpoint or none, and model.onnx only beside result.json. */
function checkRunFolder(folder: string): number {
  if (!existsSync(folder)) return 0;
  const checkpoint = join(folder, 'train', 'checkpoint-last.json');
  let step = 0;
  if (existsSync(checkpoint)) {
    const parsed = JSON.parse(readFileSync(checkpoint, 'utf8')) as { step: number };
    expect(Number.isInteger(parsed.step)).toBe(true);
    step = parsed.step;
  }
  if (existsSync(join(folder, 'model.onnx')))
    expect(existsSync(join(folder, 'result.json'))).toBe(true);
  for (const file of ['result.json', 'run.json']) {
    const path = join(folder, file);
    if (existsSync(path))
      expect(() => JSON.parse(readFileSync(path, 'utf8')) as unknown).not.toThrow();
  }
  return step;
}

let dir: string;
beforeAll(async () => {
  dir = await toyFolder();
});

describe('nlpft pretrain killed with SIGKILL at random moments', () => {
  it('leaves a complete checkpoint or none, ten times over, and the next run resumes to the same model', async () => {
    const started = Date.now();
    const reference = await run(pretrain('straight'), dir);
    expect(reference.code, reference.stderr).toBe(0);
    const took = Date.now() - started;

    // Each run trains for at most 1/12 of the straight run past its start-up (~0.15 s), so ten kills never finish
    // however fast the machine trains (3,000 steps took ~15 s once, a few seconds now).
    const startUp = 150;
    const nextMoment = killMoments(20261207, 0, 1000);
    const steps: number[] = [];
    for (let kill = 0; kill < 10; kill++) {
      const r = await run(pretrain('killed'), dir, startUp + (nextMoment() / 12_000) * took);
      expect(r.code, r.stderr).toBeNull();
      steps.push(checkRunFolder(join(dir, 'killed')));
    }
    // Checkpoints only move forward: each kill resumes from the last complete one.
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    const final = await run(pretrain('killed'), dir);
    expect(final.code, final.stderr).toBe(0);
    expect(steps.at(-1)).toBeGreaterThan(0);
    expect(final.stderr).toContain(`resumed after step ${steps.at(-1)}`);
    checkRunFolder(join(dir, 'killed'));
    expect(
      readFileSync(join(dir, 'killed', 'model.onnx')).equals(
        readFileSync(join(dir, 'straight', 'model.onnx')),
      ),
    ).toBe(true);
    const leftovers = readdirSync(join(dir, 'killed'), { recursive: true }).map(String);
    expect(leftovers.filter((f) => !/\.tmp|partial/.test(f))).toContain('model.onnx');
  }, 180_000);
});

describe('nlpft finetune killed with SIGKILL at random moments', () => {
  // Without --run-dir fine-tuning keeps no checkpoint: what a kill must not do is leave a half-written
  // --predictions file or replace the previous complete one with a partial one; the next run starts over and
  // ends as an uninterrupted run. With --run-dir the next run resumes from the last whole checkpoint.
  it('leaves the previous complete --predictions file, ten times over, and the next run gives the straight result', async () => {
    const started = Date.now();
    const reference = await run(finetune('straight.jsonl'), dir);
    expect(reference.code, reference.stderr).toBe(0);
    const took = Date.now() - started;
    const straight = readFileSync(join(dir, 'straight.jsonl'));
    // A complete file of an earlier run with other settings sits where the killed runs write.
    const previous =
      '{"seed":9,"line":1,"text":"an earlier run","label":"red","prediction":"red"}\n';
    writeFileSync(join(dir, 'killed.jsonl'), previous);

    // Moments from start-up to the end of training, as thousandths of the uninterrupted run's time (~2 s here),
    // so a slower machine still kills every run. Under a busy test run the reference can be slower than a later
    // run, which may then finish before its kill: it must then have written the whole straight file, and most
    // runs must still have been killed.
    const nextMoment = killMoments(20261208, 20, 780);
    let killed = 0;
    for (let kill = 0; kill < 10; kill++) {
      const r = await run(finetune('killed.jsonl'), dir, (nextMoment() / 1000) * took);
      if (r.code === 0) {
        expect(readFileSync(join(dir, 'killed.jsonl')).equals(straight)).toBe(true);
        writeFileSync(join(dir, 'killed.jsonl'), previous);
        continue;
      }
      expect(r.code, r.stderr).toBeNull();
      expect(readFileSync(join(dir, 'killed.jsonl'), 'utf8')).toBe(previous);
      killed++;
    }
    expect(killed).toBeGreaterThanOrEqual(7);
    const final = await run(finetune('killed.jsonl'), dir);
    expect(final.code, final.stderr).toBe(0);
    expect(readFileSync(join(dir, 'killed.jsonl')).equals(straight)).toBe(true);
    expect(withoutSeconds(final.stdout)).toEqual(withoutSeconds(reference.stdout));
    // Killed runs may leave their temporary files, never a partial file under the real name.
    const names = readdirSync(dir).filter((f) => f.includes('killed.jsonl'));
    expect(names.filter((f) => !f.endsWith('.tmp'))).toEqual(['killed.jsonl']);
  }, 60_000);

  it('with --run-dir, ten kills each leave whole checkpoints that only move forward, and the next run resumes to the straight result', async () => {
    const started = Date.now();
    const reference = await run(finetuneInRunDir('runs-straight', 'straight-runs.jsonl'), dir);
    expect(reference.code, reference.stderr).toBe(0);
    const took = Date.now() - started;

    // A seed folder counts its checkpointed steps, or all 1,200 once its result is written.
    const progress = (): number =>
      [0, 1].reduce((sum, seed) => {
        const folder = join(dir, 'runs-killed', `seed-${seed}`);
        return sum + (existsSync(join(folder, 'result.json')) ? 1200 : checkRunFolder(folder));
      }, 0);
    // Each run trains for at most 1/15 of the straight run past its start-up (~0.5 s), so ten kills never finish.
    const startUp = 500;
    const nextMoment = killMoments(20261209, 0, 1000);
    const reached: number[] = [];
    for (let kill = 0; kill < 10; kill++) {
      const r = await run(
        finetuneInRunDir('runs-killed', 'killed-runs.jsonl'),
        dir,
        startUp + (nextMoment() / 15_000) * took,
      );
      expect(r.code, r.stderr).toBeNull();
      expect(existsSync(join(dir, 'killed-runs.jsonl'))).toBe(false);
      reached.push(progress());
    }
    expect([...reached].sort((a, b) => a - b)).toEqual(reached);
    expect(reached.at(-1)).toBeGreaterThan(0);
    const final = await run(finetuneInRunDir('runs-killed', 'killed-runs.jsonl'), dir);
    expect(final.code, final.stderr).toBe(0);
    if (reached.at(-1)! < 2400) expect(final.stderr).toMatch(/seed [01] resumed from step \d+/);
    expect(withoutSeconds(final.stdout)).toEqual(withoutSeconds(reference.stdout));
    expect(
      readFileSync(join(dir, 'killed-runs.jsonl')).equals(
        readFileSync(join(dir, 'straight-runs.jsonl')),
      ),
    ).toBe(true);
  }, 120_000);
});
