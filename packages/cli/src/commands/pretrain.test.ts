import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@nlpft/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { pretrainLanguageModel } from '@nlpft/training';
import type { PretrainResult } from '@nlpft/training';
import { TINY, toyTokenizerJson } from './toy-data.test-helper';
import { runNlpft } from './run-nlpft.test-helper';
import {
  CORPUS,
  HELD_OUT,
  TINY_FLAGS,
  runWithCtrlC,
  toyFolder,
} from './training-commands.test-helper';

let dir: string;
let tokenizer: Tokenizer;
beforeAll(async () => {
  dir = await toyFolder();
  tokenizer = Tokenizer.fromJSON(await toyTokenizerJson());
});

const RUN = ['--steps', '20', '--batch-size', '16', '--learning-rate', '0.01', ...TINY_FLAGS];
const argv = (output: string, ...extra: string[]): string[] => [
  'pretrain',
  '--objective',
  'clm',
  '-t',
  'tokenizer.json',
  ...RUN,
  '-o',
  output,
  ...extra,
];

/** The pipeline run the command should have made, in its own folder. */
function pipelineRun(output: string, overrides: { train?: string[]; heldOut?: string[] } = {}) {
  return pretrainLanguageModel({
    objective: 'clm',
    tokenizer,
    train: overrides.train ?? CORPUS,
    heldOut: overrides.heldOut ?? HELD_OUT,
    model: TINY,
    steps: 20,
    batchSize: 16,
    learningRate: 0.01,
    outputDir: join(dir, output),
  });
}

const sameModel = (a: string, b: string): boolean => readFileSync(a).equals(readFileSync(b));

describe('nlpft pretrain', () => {
  it('trains what pretrainLanguageModel trains on the same lines and prints its summary', async () => {
    const r = await runNlpft(argv('run-a', '--held-out', 'held.txt', 'corpus.txt'), { cwd: dir });
    expect(r.stderr).toContain('300 training documents, 40 held-out documents');
    expect(r.code).toBe(0);
    const written = JSON.parse(
      readFileSync(join(dir, 'run-a', 'result.json'), 'utf8'),
    ) as PretrainResult;
    const expected = await pipelineRun('ref-a');
    expect(written.lossCurve).toEqual(expected.lossCurve);
    expect(written.heldOut).toEqual(expected.heldOut);
    expect(sameModel(written.modelPath, expected.modelPath)).toBe(true);
    const ppl = (x: number) => x.toFixed(2);
    expect(r.stdout).toContain(
      `held-out perplexity ${ppl(expected.heldOutAtInit.perplexity)} → ${ppl(expected.heldOut.perplexity)}`,
    );
    expect(r.stdout).toContain(
      `clm on ${expected.trainBlocks} blocks, 1 layer, hidden 16, 2 heads, intermediate 32, 16 tokens, dropout 0, ${expected.parameters.toLocaleString('en-US')} parameters\n20 steps in 0:0`,
    );
    expect(r.stdout).toContain(`model: ${join(dir, 'run-a', 'model.onnx')}\n`);
    // Off a terminal, progress is a line each 10 % of the steps.
    expect(r.stderr).toMatch(/pretrain clm: 2\/20 \(10%\) elapsed 0:0\d ETA 0:\d\d loss \d\.\d{4}/);
    expect(r.stderr).toMatch(/pretrain clm: 20\/20 done in 0:\d\d loss \d\.\d{4}\n/);
  });

  it('prints the cached result without training when the folder holds the same run', async () => {
    const args = argv('run-cached', '--held-out', 'held.txt', 'corpus.txt');
    const first = await runNlpft(args, { cwd: dir });
    const second = await runNlpft(args, { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('pretrain clm:');
    expect(second.stdout).toContain(`cached: ${join(dir, 'run-cached')} already holds this run`);
    // Same numbers, same model.
    const lines = (s: string) => s.split('\n').filter((l) => l.startsWith('held-out'));
    expect(lines(second.stdout)).toEqual(lines(first.stdout));
  });

  it('takes every setting from a YAML config (with --train), holds out the last 10 % and prints result.json with --json', async () => {
    writeFileSync(
      join(dir, 'pretrain.yaml'),
      [
        'objective: clm',
        'tokenizer: tokenizer.json',
        'train: [corpus.txt]',
        'held-out-fraction: 0.1',
        'steps: 20',
        'batch-size: 16',
        'learningRate: 0.01',
        `hidden: ${TINY.hidden}`,
        `layers: ${TINY.layers}`,
        `heads: ${TINY.heads}`,
        `intermediate: ${TINY.intermediate}`,
        `block-size: ${TINY.blockSize}`,
        'dropout: 0',
        'output: run-yaml',
        '',
      ].join('\n'),
    );
    const r = await runNlpft(['pretrain', '--config', 'pretrain.yaml', '--json', '-q'], {
      cwd: dir,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as PretrainResult;
    expect(printed).toEqual(JSON.parse(readFileSync(join(dir, 'run-yaml', 'result.json'), 'utf8')));
    const expected = await pipelineRun('ref-yaml', {
      train: CORPUS.slice(0, 270),
      heldOut: CORPUS.slice(270),
    });
    expect(printed.heldOut).toEqual(expected.heldOut);
    expect(printed.lossCurve).toEqual(expected.lossCurve);
  });

  it('Ctrl-C saves a checkpoint and exits with 130; the same command resumes and ends as an uninterrupted run', async () => {
    const args = argv('run-int', '--held-out', 'held.txt', 'corpus.txt');
    const stopped = await runWithCtrlC(args, dir, /pretrain clm: 4\/20/);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('Ctrl-C: saving a checkpoint after this step');
    expect(stopped.stderr).toMatch(
      new RegExp(
        `interrupted after step (\\d+) of 20; the checkpoint is in ${join(dir, 'run-int', 'train')}. Run the same command again to resume from there.`,
      ),
    );
    expect(stopped.stdout).toBe('');
    expect(existsSync(join(dir, 'run-int', 'train', 'checkpoint-last.json'))).toBe(true);
    expect(process.listenerCount('SIGINT')).toBe(0);

    const resumed = await runNlpft(args, { cwd: dir });
    expect(resumed.code).toBe(0);
    const step = /interrupted after step (\d+)/.exec(stopped.stderr)![1]!;
    expect(resumed.stdout).toContain(`resumed after step ${step}`);
    expect(resumed.stderr).toContain(`pretrain clm (resumed after step ${step})`);
    const expected = await pipelineRun('ref-int');
    const result = JSON.parse(
      readFileSync(join(dir, 'run-int', 'result.json'), 'utf8'),
    ) as PretrainResult;
    expect(result.lossCurve).toEqual(expected.lossCurve);
    expect(sameModel(result.modelPath, expected.modelPath)).toBe(true);
  });

  it('draws a progress bar on a terminal', async () => {
    const r = await runNlpft(argv('run-tty', '--held-out', 'held.txt', 'corpus.txt'), {
      cwd: dir,
      tty: true,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\rpretrain clm \[#+\.*\] \(\d+%\) \d+\/20 /);
    expect(r.stderr).toMatch(/\rpretrain clm: 20\/20 done in 0:\d\d loss \d\.\d{4}.\[K\n$/);
  });

  it('names what is wrong: no training files, heads that do not divide hidden, one document, no [MASK]', async () => {
    const noFiles = await runNlpft(argv('x'), { cwd: dir });
    expect(noFiles.code).toBe(2);
    expect(noFiles.stderr).toContain('error[MISSING_ARGUMENT]: nlpft pretrain: no training files');

    const heads = await runNlpft([...argv('x', 'corpus.txt'), '--heads', '3'], { cwd: dir });
    expect(heads.code).toBe(2);
    expect(heads.stderr).toContain(
      'error[INVALID_OPTION]: nlpft pretrain: --heads 3 does not divide --hidden 16',
    );

    const oneDoc = await runNlpft([...argv('x', 'corpus.txt'), '--documents', 'files'], {
      cwd: dir,
    });
    expect(oneDoc.code).toBe(1);
    expect(oneDoc.stderr).toContain(
      'error[INVALID_INPUT]: nlpft pretrain: 1 document cannot be split into train and held-out text; pass --held-out FILE or --documents lines',
    );

    const json = (await toyTokenizerJson(['[PAD]', '[UNK]', '[CLS]', '[SEP]'])) as object;
    writeFileSync(join(dir, 'no-mask.json'), JSON.stringify(json));
    const noMask = await runNlpft(
      ['pretrain', '--objective', 'mlm', '-t', 'no-mask.json', ...RUN, '-o', 'x', 'corpus.txt'],
      { cwd: dir },
    );
    expect(noMask.code).toBe(1);
    expect(noMask.stderr).toContain(
      "error[TrainingError UNKNOWN_TOKEN]: nlpft pretrain: the tokenizer has no '[MASK]' token",
    );
  });
});
