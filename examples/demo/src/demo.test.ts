// The demo end to end at its smallest size, as a user runs it: interrupted with Ctrl-C during pre-training, run
// again (it must resume from the checkpoint and produce exactly what an uninterrupted run produces), and its report
// opened in headless Chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCheckpoint } from '@nlpft/training';
import { describe, expect, it } from 'vitest';
// The browser check lives beside the report renderer; it needs puppeteer-core, a devDependency of @nlpft/cli.
import { checkReportInBrowser } from '../../../packages/cli/src/report/browser-check';

const here = dirname(fileURLToPath(import.meta.url));
const main = join(here, 'main.ts');

interface Run {
  code: number | null;
  output: string;
}

/** Runs the demo; `interruptWhen` sends SIGINT once the output matches it. */
function runDemo(args: string[], interruptWhen?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    // One process (tsx as a loader, not its CLI wrapper), so SIGINT reaches the demo's own handler.
    const child = spawn(process.execPath, ['--import', 'tsx', main, '--smoke', ...args], {
      cwd: join(here, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let sent = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (interruptWhen && !sent && interruptWhen.test(output)) {
        sent = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `nlpft-demo-${name}-`));
const tempFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.tmp'));

describe('pnpm demo (smoke size)', () => {
  it('Ctrl-C during pre-training checkpoints; the next run resumes to the same models and a full report', async () => {
    const reference = tmp('reference');
    const straight = await runDemo(['--cache', reference, '--stop-after', 'pretrain']);
    expect(straight.code, straight.output).toBe(0);

    const cache = tmp('cache');
    const out = tmp('report');
    // Interrupt the masked-LM pre-training at a progress line between steps 10 and 19 of 60 (lines every 10 % or 5 s).
    const interrupted = await runDemo(
      ['--cache', cache, '--out', out],
      /bert-mlm: 60 steps[\s\S]*bert-mlm: 1[0-9]\/60/,
    );
    expect(interrupted.code, interrupted.output).toBe(130);
    expect(interrupted.output).toMatch(/interrupted; resume from .*checkpoint-last\.json/);
    const checkpoint = join(cache, 'smoke', 'bert-mlm', 'train', 'checkpoint-last.json');
    const saved = loadCheckpoint(checkpoint); // parses: the cache is not corrupt
    expect(saved.step).toBeGreaterThan(0);
    expect(saved.step).toBeLessThan(60);
    expect(existsSync(join(cache, 'smoke', 'bert-mlm', 'model.onnx'))).toBe(false);
    expect(tempFiles(cache)).toEqual([]);

    const resumed = await runDemo(['--cache', cache, '--out', out]);
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.output).toContain(`(resumed from step ${saved.step})`);
    for (const model of ['bert-mlm', 'gpt2-clm']) {
      const a = readFileSync(join(reference, 'smoke', model, 'model.onnx'));
      const b = readFileSync(join(cache, 'smoke', model, 'model.onnx'));
      expect(b.equals(a), `${model}/model.onnx differs from the uninterrupted run's`).toBe(true);
    }
    const curve = (dir: string) =>
      (
        JSON.parse(readFileSync(join(dir, 'smoke', 'bert-mlm', 'result.json'), 'utf8')) as {
          lossCurve: unknown;
        }
      ).lossCurve;
    expect(curve(cache)).toEqual(curve(reference));

    // A third run starts at fine-tuning: both language models come from the cache.
    const again = await runDemo(['--cache', cache, '--out', out]);
    expect(again.code, again.output).toBe(0);
    expect(again.output.match(/\(cached\)/g)?.length).toBeGreaterThanOrEqual(3); // tokenizer + 2 models

    const report = join(out, 'index.html');
    const check = await checkReportInBrowser(report, join(out, 'report.png'));
    expect(check.problems).toEqual([]);
    expect(check.sections).toEqual(
      expect.arrayContaining([
        'findings',
        'summary',
        'similar',
        'situations',
        'pretraining',
        'finetuning',
        'instability',
        'generation',
      ]),
    );
    expect(check.charts).toBeGreaterThanOrEqual(8);
    // findings.json beside the report: one 'transfer' claim per measured situation.
    const file = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as {
      claims: { id: string; situation: { similarity: string } | null }[];
    };
    expect(
      file.claims.filter((c) => c.id === 'transfer').map((c) => c.situation?.similarity),
    ).toEqual(['similar', 'dissimilar']);
    expect(check.tables).toBeGreaterThanOrEqual(5);
    expect(check.screenshot.width).toBe(1280);
    expect(check.screenshot.height).toBeGreaterThan(2000);
    expect(check.screenshot.inkFraction).toBeGreaterThan(0.02);
  }, 600_000);
});
