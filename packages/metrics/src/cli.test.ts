import { pyFormatFixed } from './python-format';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classificationReport } from './classification-report';
import { corpusBleu } from './corpus-bleu';
import { corpusChrf } from './corpus-chrf';
import { corpusRouge } from './corpus-rouge';
import { corpusTer } from './corpus-ter';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nlpft-metrics-cli-'));
const bundle = join(dir, 'out', 'cli.mjs');
// Bundle the CLI once (as the published build does) so each spawn is a plain, fast `node cli.mjs`.
beforeAll(async () => {
  await build({
    entry: { cli },
    outDir: join(dir, 'out'),
    format: ['esm'],
    outExtension: () => ({ js: '.mjs' }),
    platform: 'node',
    target: 'node20',
    silent: true,
    config: false,
  });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => l + '\n').join(''));
  return path;
}

function run(
  args: string[],
  input?: string,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bundle, ...args], {
    cwd: packageDir,
    encoding: 'utf8',
    input,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const hyps = [
  'The cat sat on the mat.',
  'A dog ran in the park, quickly.',
  'It rained all day in 2019.',
];
const refs1 = [
  'The cat sat on a mat.',
  'The dog ran through the park quickly.',
  'It rained the whole day in 2019.',
];
const refs2 = [
  'A cat was sitting on the mat.',
  'A dog was running in the park.',
  'Rain fell all day in 2019.',
];
const hypFile = file('hyp.txt', hyps);
const ref1File = file('ref1.txt', refs1);
const ref2File = file('ref2.txt', refs2);

// Each test spawns node; on a loaded machine that takes seconds.
describe('nlpft-metrics CLI', { timeout: 60_000 }, () => {
  it('prints a sacrebleu-style BLEU line for a hypothesis file and two reference files', () => {
    const r = run(['bleu', ref1File, ref2File, '-i', hypFile]);
    const s = corpusBleu(hyps, [refs1, refs2]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `BLEU|${s.signature} = ${pyFormatFixed(s.score, 1)} ${s.formatted.split(' ').slice(3).join(' ')}\n`,
    );
  });

  it('reads the hypothesis from stdin and prints JSON with --json', () => {
    const r = run(
      ['bleu', ref1File, '--tokenize', 'intl', '--json', '--width', '2'],
      hyps.join('\n') + '\n',
    );
    const s = corpusBleu(hyps, [refs1], { tokenize: 'intl' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out['score']).toBe(Number(pyFormatFixed(s.score, 2)));
    expect(out['signature']).toBe(s.signature);
    expect(out['tok']).toBe('intl');
  });

  it('prints chrF++ and TER lines', () => {
    const chrf = corpusChrf(hyps, [refs1], { wordOrder: 2 });
    expect(run(['chrf', ref1File, '-i', hypFile, '--word-order', '2']).stdout).toBe(
      `chrF2++|${chrf.signature} = ${pyFormatFixed(chrf.score, 1)}\n`,
    );
    const ter = corpusTer(hyps, [refs1, refs2], { normalized: true });
    expect(run(['ter', ref1File, ref2File, '-i', hypFile, '--normalized']).stdout).toBe(
      `TER|${ter.signature} = ${pyFormatFixed(ter.score, 1)}\n`,
    );
  });

  it('prints one line per segment with --sentence-level', () => {
    const r = run(['chrf', ref1File, '-i', hypFile, '--sentence-level']);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('prints mean ROUGE per type, splitting sentences for rougeLsum with --sentence-sep', () => {
    const targets = file('targets.txt', ['The cat sat. It purred.', 'Dogs run fast.']);
    const preds = file('preds.txt', ['A cat sat. It slept.', 'The dogs ran fast.']);
    const r = run(['rouge', targets, '-i', preds, '--stemmer', '--sentence-sep', '. ', '--json']);
    const expected = corpusRouge(
      ['The cat sat\nIt purred.', 'Dogs run fast.'],
      ['A cat sat\nIt slept.', 'The dogs ran fast.'],
      { useStemmer: true },
    );
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { mean: unknown }).mean).toEqual(expected.mean);
    const text = run(['rouge', targets, '-i', preds]).stdout.trim().split('\n');
    expect(text).toHaveLength(4);
    expect(text[0]).toMatch(/^rouge1\|stem:no\|items:2\|rouge-score:0\.1\.2 = \d+\.\d \(P = /);
  });

  it('prints a classification report from label files', () => {
    const yTrue = ['cat', 'dog', 'dog', 'bird', 'cat'];
    const yPred = ['cat', 'dog', 'cat', 'bird', 'cat'];
    const r = run([
      'report',
      '--y-true',
      file('true.txt', yTrue),
      '--y-pred',
      file('pred.txt', yPred),
    ]);
    const quiet = { onWarning: (): void => undefined };
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(classificationReport(yTrue, yPred, quiet) + '\n');
    const numeric = run([
      'report',
      '--y-true',
      file('t2.txt', ['1', '10', '2']),
      '--y-pred',
      file('p2.txt', ['1', '2', '2']),
      '--json',
    ]);
    expect(JSON.parse(numeric.stdout)).toEqual(
      JSON.parse(
        JSON.stringify(classificationReport([1, 10, 2], [1, 2, 2], { outputDict: true, ...quiet })),
      ),
    );
  });

  it('exits 1 with the error code when the files differ in length, and on a missing file', () => {
    const short = file('short.txt', ['only one line']);
    const r = run(['bleu', short, '-i', hypFile]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('LENGTH_MISMATCH');
    const missing = run(['bleu', join(dir, 'nope.txt'), '-i', hypFile]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
  });

  it('exits 2 with the usage on an unknown command or option', () => {
    expect(run(['meteor']).status).toBe(2);
    const r = run(['bleu', ref1File, '--frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown option --frobnicate');
  });
});
