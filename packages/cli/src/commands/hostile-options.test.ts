import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticResults } from '../report/synthetic-results';
import { runNlpft } from './run-nlpft.test-helper';
import { TINY_FLAGS, toyFolder } from './training-commands.test-helper';

let dir: string;
beforeAll(async () => {
  dir = await toyFolder();
  writeFileSync(join(dir, 'hyp.txt'), 'the cat sat\n');
  writeFileSync(join(dir, 'gold.txt'), 'a\nb\n');
});

/** One line on stderr naming the option, exit code 2 (a usage error), no stack trace. */
async function rejects(argv: string[], message: string): Promise<void> {
  const r = await runNlpft(argv, { cwd: dir });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('out-of-range numbers are usage errors, before any work starts', () => {
  it('eval bleu --max-ngram-order 1e9 (never answered) and --width 400 (died in toFixed)', async () => {
    await rejects(
      ['eval', 'bleu', 'hyp.txt', '-i', 'hyp.txt', '--max-ngram-order', '1e9'],
      '--max-ngram-order: expected a number ≤ 20, got 1000000000',
    );
    await rejects(
      ['eval', 'bleu', 'hyp.txt', '-i', 'hyp.txt', '--width', '400'],
      '--width: expected a number ≤ 20, got 400',
    );
  });

  it('eval classification --bootstrap 1e12 (died with RangeError: Invalid typed array length)', async () => {
    await rejects(
      ['eval', 'classification', 'gold.txt', 'gold.txt', '--bootstrap', '1e12'],
      '--bootstrap: expected a number ≤ 1000000',
    );
  });

  it('pretrain learning-rate 1e9 from a config file, and held-out-fraction 0 (nothing to report perplexity on)', async () => {
    writeFileSync(join(dir, 'huge-lr.yaml'), 'learning-rate: 1e9\n');
    await rejects(
      [
        'pretrain',
        '--objective',
        'clm',
        '-t',
        'tokenizer.json',
        '--config',
        'huge-lr.yaml',
        'corpus.txt',
      ],
      'learning-rate: expected a number ≤ 10, got 1000000000',
    );
    await rejects(
      [
        'pretrain',
        '--objective',
        'clm',
        '-t',
        'tokenizer.json',
        '--held-out-fraction',
        '0',
        'corpus.txt',
      ],
      '--held-out-fraction: expected a number ≥ 0.01, got 0',
    );
  });
});

describe('an output folder that cannot be made', () => {
  it('pretrain --output /dev/null/x is a FILE_ERROR naming the option, not a raw ENOTDIR', async () => {
    const r = await runNlpft(
      [
        'pretrain',
        '--objective',
        'clm',
        '-t',
        'tokenizer.json',
        '--steps',
        '2',
        ...TINY_FLAGS,
        '-o',
        '/dev/null/x',
        'corpus.txt',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error[FILE_ERROR]: nlpft pretrain: --output: cannot create the folder /dev/null/x: a part of the path is a file, not a folder',
    );
  });

  it('report --out below a file', async () => {
    writeFileSync(join(dir, 'results.json'), JSON.stringify(syntheticResults()));
    const r = await runNlpft(['report', 'results.json', '--out', join(dir, 'hyp.txt', 'report')], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error[FILE_ERROR]: nlpft report: --out: cannot create the folder ${join(dir, 'hyp.txt', 'report')}: a part of the path is a file, not a folder`,
    );
  });
});
