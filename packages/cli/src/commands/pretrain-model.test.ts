import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@nlpft/test-utils';
import { SeededRng } from '@nlpft/training';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNlpft, tempDir } from './run-nlpft.test-helper';
import { runWithCtrlC } from './training-commands.test-helper';

const FIXTURES = join(repoRoot(), 'packages', 'training', 'fixtures', 'hf');

// Domain text in the fixtures' vocabulary with a learnable structure, and a keyword task on the same words.
const ADJ = ['old', 'new', 'big', 'small', 'happy', 'sad'];
const NOUN = ['movie', 'film', 'plot', 'actor', 'story', 'cat', 'dog', 'house'];
function lines(n: number, seed: number): string {
  const rng = new SeededRng(seed);
  const pick = (xs: readonly string[]) => xs[rng.int(xs.length)]!;
  return Array.from(
    { length: n },
    () => `the ${pick(ADJ)} ${pick(NOUN)} was very ${pick(ADJ)} .\n`,
  ).join('');
}
function task(n: number, seed: number): string {
  const rng = new SeededRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const word = i % 2 === 1 ? 'good' : 'bad';
    return `${i % 2 === 1 ? 'positive' : 'negative'}\tthe ${NOUN[rng.int(NOUN.length)]!} was ${word}\n`;
  }).join('');
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'domain.txt'), lines(300, 1));
  writeFileSync(join(dir, 'held.txt'), lines(40, 2));
  writeFileSync(join(dir, 'train.tsv'), task(32, 3));
  writeFileSync(join(dir, 'test.tsv'), task(16, 4));
});

const pretrain = (model: string, out: string) => [
  'pretrain',
  '--model',
  join(FIXTURES, model),
  '--held-out',
  'held.txt',
  '--steps',
  '30',
  '--batch-size',
  '16',
  '--block-size',
  '32',
  '--learning-rate',
  '0.003',
  '--save-steps',
  '10',
  '-o',
  out,
  'domain.txt',
];

describe('nlpft pretrain --model DIR', () => {
  it('pre-trains a BERT body further on domain text, then nlpft finetune --model takes the folder', async () => {
    const r = await runNlpft(pretrain('bert-body', 'run-bert'), { cwd: dir });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const m = /held-out masked-token perplexity ([\d.]+) → ([\d.]+)/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBeLessThan(Number(m![1]) / 2);
    expect(r.stdout).toMatch(
      /model folder: .*run-bert.model \(fine-tune it with nlpft finetune --model/,
    );
    const f = await runNlpft(
      [
        'finetune',
        '--model',
        join(dir, 'run-bert', 'model'),
        '--train',
        'train.tsv',
        '--test',
        'test.tsv',
        '--epochs',
        '1',
        '--output',
        'tuned',
      ],
      { cwd: dir },
    );
    expect(f.code).toBe(0);
    expect(f.stdout).toMatch(
      /^nlpft finetune: bert .* strategy full; 32 train \/ 16 test examples/,
    );
    expect(existsSync(join(dir, 'tuned', 'config.json'))).toBe(true);
  });

  it('Ctrl-C keeps a checkpoint of GPT-2 continued pre-training; the same command resumes and matches a straight run', async () => {
    const straight = await runNlpft([...pretrain('gpt2-opset14', 'gpt-straight'), '--json'], {
      cwd: dir,
    });
    expect(straight.code).toBe(0);
    const stopped = await runWithCtrlC(
      [...pretrain('gpt2-opset14', 'gpt-stopped'), '--json'],
      dir,
      /pretrain clm: 1\d\//,
    );
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(
      /the checkpoint is in .*gpt-stopped.train\. Run the same command again/,
    );
    const resumed = await runNlpft([...pretrain('gpt2-opset14', 'gpt-stopped'), '--json'], {
      cwd: dir,
    });
    expect(resumed.code).toBe(0);
    const a = JSON.parse(straight.stdout) as {
      heldOut: unknown;
      lossCurve: unknown;
      resumedFrom: number;
    };
    const b = JSON.parse(resumed.stdout) as typeof a;
    expect(b.resumedFrom).toBeGreaterThan(0);
    expect(b.heldOut).toEqual(a.heldOut);
    expect(b.lossCurve).toEqual(a.lossCurve);
  });

  it('names what does not fit', async () => {
    const wrong = await runNlpft([...pretrain('bert-body', 'x'), '--objective', 'clm'], {
      cwd: dir,
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/a bert folder is pre-trained further with mlm/);
    const tiny = await runNlpft(
      [...pretrain('bert-body', 'y'), '-t', 'tokenizer.json', '--layers', '2'],
      { cwd: dir },
    );
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toMatch(/--tokenizer, --layers: not with --model/);
    const head = await runNlpft(pretrain('bert-opset14', 'z'), { cwd: dir });
    expect(head.code).toBe(1);
    expect(head.stderr).toMatch(/needs a body export/);
    const none = await runNlpft(['pretrain', '-o', 'w', 'domain.txt'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--objective mlm\|clm is required \(or --model DIR\)/);
  });
});
