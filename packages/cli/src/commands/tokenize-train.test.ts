import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer, trainByteLevelBpe, trainUnigram, trainWordPiece } from '@nlpft/tokenizers';
import { describe, expect, it } from 'vitest';
import { runNlpft, writeFiles } from './run-nlpft.test-helper';

const corpusA = [
  'Call me Ishmael. Some years ago, never mind how long precisely,',
  'having little or no money in my purse, and nothing particular to interest me on shore,',
  'I thought I would sail about a little and see the watery part of the world.',
];
const corpusB = [
  'It is a way I have of driving off the spleen and regulating the circulation.',
  'Whenever I find myself growing grim about the mouth; whenever it is a damp, drizzly November in my soul,',
];
// As Hugging Face's train(files) reads them: each line with its line ending.
const texts = [...corpusA, ...corpusB].map((l) => `${l}\n`);

function files() {
  return writeFiles({ 'a.txt': corpusA.join('\n') + '\n', 'b.txt': corpusB.join('\n') + '\n' });
}

describe('nlpft tokenize train', () => {
  it('writes the tokenizer.json trainWordPiece returns for the same lines', async () => {
    const dir = files();
    const r = await runNlpft(
      [
        'tokenize',
        'train',
        '--model',
        'wordpiece',
        '--vocab-size',
        '200',
        '--min-frequency',
        '1',
        '-o',
        'tok.json',
        'a.txt',
        'b.txt',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`wrote ${join(dir, 'tok.json')} (wordpiece, `);
    const written = JSON.parse(readFileSync(join(dir, 'tok.json'), 'utf8')) as unknown;
    expect(written).toEqual(await trainWordPiece(texts, { vocabSize: 200, minFrequency: 1 }));
    // It loads and encodes.
    const tok = Tokenizer.fromJSON(written);
    expect(tok.encode('Call me Ishmael').tokens[0]).toBe('[CLS]');
  });

  it('passes special tokens and vocabulary size to the byte-level BPE trainer', async () => {
    const dir = files();
    const r = await runNlpft(
      [
        'tokenize',
        'train',
        '--model',
        'byte-level-bpe',
        '--vocab-size',
        '300',
        '--special-tokens',
        '<|endoftext|>',
        '-o',
        'gpt.json',
        'a.txt',
        'b.txt',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'gpt.json'), 'utf8')) as unknown;
    expect(written).toEqual(
      await trainByteLevelBpe(texts, { vocabSize: 300, specialTokens: ['<|endoftext|>'] }),
    );
  });

  it('trains Unigram from stdin with settings from a YAML config', async () => {
    const dir = writeFiles({
      'train.yaml': 'model: unigram\nvocab-size: 60\noutput: out/uni.json\n',
    });
    mkdirSync(join(dir, 'out'));
    const r = await runNlpft(['tokenize', 'train', '--config', 'train.yaml', '-'], {
      cwd: dir,
      stdin: texts.join(''),
    });
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'out', 'uni.json'), 'utf8')) as unknown;
    expect(written).toEqual(await trainUnigram(texts, { vocabSize: 60 }));
  });

  it('shows reading and merge progress as bars on a terminal', async () => {
    const dir = files();
    const r = await runNlpft(
      ['tokenize', 'train', '--model', 'bpe', '--vocab-size', '150', '-o', 'bpe.json', 'a.txt'],
      { cwd: dir, tty: true },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\rread bytes \[#+\] \(100%\)/);
    expect(r.stderr).toMatch(/\rtrain merge: \d+\/\d+ done in 0:0\d/);
  });

  it('names a missing input file before training, and requires --model and --output', async () => {
    const dir = files();
    const missing = await runNlpft(
      ['tokenize', 'train', '--model', 'bpe', '-o', 'x.json', 'a.txt', 'nope.txt'],
      { cwd: dir },
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error[FILE_NOT_FOUND]: nlpft tokenize train: input: no file at ${join(dir, 'nope.txt')}\n`,
    );
    const noModel = await runNlpft(['tokenize', 'train', '-o', 'x.json', 'a.txt'], { cwd: dir });
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('nlpft tokenize train: --model is required');
    const minFrequency = await runNlpft(
      ['tokenize', 'train', '--model', 'unigram', '--min-frequency', '2', '-o', 'x.json', 'a.txt'],
      { cwd: dir },
    );
    expect(minFrequency.stderr).toContain('--min-frequency does not apply to --model unigram');
    const badModel = await runNlpft(
      ['tokenize', 'train', '--model', 'sentencepiece', '-o', 'x', 'a.txt'],
      { cwd: dir },
    );
    expect(badModel.stderr).toContain(
      'error[INVALID_OPTION]: nlpft tokenize train: --model: expected one of wordpiece, bpe, byte-level-bpe, unigram, got "sentencepiece"',
    );
  });
});
