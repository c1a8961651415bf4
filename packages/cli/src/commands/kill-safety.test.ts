import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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

/** Runs the command; with `killAfterMs`, sends SIGKILL then (no handler runs, nothing is flushed). */
function run(
  args: string[],
  cwd: string,
  killAfterMs?: number,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer =
      killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr });
    });
  });
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
    const reference = await run(pretrain('straight'), dir);
    expect(reference.code, reference.stderr).toBe(0);

    let seed = 20261207;
    const nextDelay = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 150 + (seed % 1100); // ms: from start-up into training (3,000 steps take ~15 s)
    };
    const steps: number[] = [];
    for (let kill = 0; kill < 10; kill++) {
      const r = await run(pretrain('killed'), dir, nextDelay());
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
