import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@nlpft/tokenizers';
import { readFixtureTokenizer, fixturePath } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { runNlpft, writeFiles } from './run-nlpft.test-helper';

const bert = fixturePath('tokenizers', 'bert-base-uncased', 'tokenizer.json');
const gpt2 = fixturePath('tokenizers', 'gpt2', 'tokenizer.json');
const lines = ['Hello, world!', 'How are you?', 'Tokenizers: ünïcödé and 東京 too.'];

const jsonl = (text: string): Record<string, unknown>[] =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('nlpft tokenize', () => {
  it("prints bert-base-uncased's known ids and tokens, one JSON line per input line", async () => {
    const r = await runNlpft(['tokenize', '--tokenizer', bert], { stdin: 'Hello, world!\n' });
    expect(r.code).toBe(0);
    // bert-base-uncased's published ids for "Hello, world!".
    expect(jsonl(r.stdout)).toEqual([
      {
        ids: [101, 7592, 1010, 2088, 999, 102],
        tokens: ['[CLS]', 'hello', ',', 'world', '!', '[SEP]'],
      },
    ]);
  });

  it('gives what Tokenizer.encode gives, offsets included, for each file in order', async () => {
    const dir = writeFiles({ 'a.txt': `${lines[0]}\n${lines[1]}\n`, 'b.txt': `${lines[2]}` });
    const r = await runNlpft(['tokenize', '-t', gpt2, '--offsets', 'a.txt', 'b.txt'], { cwd: dir });
    const tok = Tokenizer.fromString(readFixtureTokenizer('gpt2'));
    expect(jsonl(r.stdout)).toEqual(
      lines.map((l) => {
        const e = tok.encode(l);
        return { ids: e.ids, tokens: e.tokens, offsets: e.offsets };
      }),
    );
  });

  it('writes space-separated ids or tokens with --format, and drops special tokens with --no-special-tokens', async () => {
    const ids = await runNlpft(['tokenize', '-t', bert, '--format', 'ids'], {
      stdin: lines.join('\n'),
    });
    const tok = Tokenizer.fromString(readFixtureTokenizer('bert-base-uncased'));
    expect(ids.stdout).toBe(lines.map((l) => tok.encode(l).ids.join(' ') + '\n').join(''));
    const tokens = await runNlpft(
      ['tokenize', '-t', bert, '--format', 'tokens', '--no-special-tokens'],
      {
        stdin: 'Hello, world!',
      },
    );
    expect(tokens.stdout).toBe('hello , world !\n');
  });

  it('encodes tab-separated pairs with type ids, truncated and padded to --max-length', async () => {
    const r = await runNlpft(
      [
        'tokenize',
        '-t',
        bert,
        '--pair',
        '--max-length',
        '8',
        '--truncation',
        '--padding',
        'max-length',
      ],
      { stdin: 'a somewhat longer sentence\there\nshort\tpair\n' },
    );
    expect(r.code).toBe(0);
    const tok = Tokenizer.fromString(readFixtureTokenizer('bert-base-uncased'));
    tok.enableTruncation(8);
    tok.enablePadding({ length: 8 });
    const expected = tok.encodeBatch([
      ['a somewhat longer sentence', 'here'],
      ['short', 'pair'],
    ]);
    expect(jsonl(r.stdout)).toEqual(
      expected.map((e) => ({
        ids: e.ids,
        tokens: e.tokens,
        typeIds: e.typeIds,
        attentionMask: e.attentionMask,
      })),
    );
    for (const row of jsonl(r.stdout)) expect(row['ids']).toHaveLength(8);
  });

  it('pads to the longest line with --padding longest', async () => {
    const r = await runNlpft(['tokenize', '-t', bert, '--padding', 'longest', '--format', 'ids'], {
      stdin: 'a b c d\na\n',
    });
    // [CLS] a b c d [SEP] = 6 ids; "a" is padded with [PAD] = 0 to 6.
    expect(r.stdout).toBe('101 1037 1038 1039 1040 102\n101 1037 102 0 0 0\n');
  });

  it('writes --output atomically and reads options from --config', async () => {
    const dir = writeFiles({
      'in.txt': 'Hello, world!\n',
      'c.yaml': `tokenizer: ${bert}\nformat: ids\n`,
    });
    const r = await runNlpft(['tokenize', '--config', 'c.yaml', 'in.txt', '-o', 'out.txt'], {
      cwd: dir,
    });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('101 7592 1010 2088 999 102\n');
  });

  it('reports progress lines on stderr for 1000 lines or more', async () => {
    const r = await runNlpft(['tokenize', '-t', bert, '--format', 'ids'], {
      stdin: 'a cat\n'.repeat(1500),
    });
    expect(r.stdout.split('\n')).toHaveLength(1501);
    expect(r.stderr).toMatch(/^tokenize: 1500\/1500 done in \d+:\d\d\n$/m);
    const quiet = await runNlpft(['tokenize', '-t', bert, '-q'], { stdin: 'a cat\n'.repeat(1500) });
    expect(quiet.stderr).toBe('');
  });

  it('names a missing tokenizer file, a line without a tab and --truncation without --max-length', async () => {
    const missing = await runNlpft(['tokenize', '-t', '/nonexistent/tokenizer.json'], {
      stdin: 'a',
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'error[FILE_NOT_FOUND]: nlpft tokenize: --tokenizer: no file at /nonexistent/tokenizer.json\n',
    );
    const noTab = await runNlpft(['tokenize', '-t', bert, '--pair'], {
      stdin: 'a\tb\nno tab here\n',
    });
    expect(noTab.code).toBe(1);
    expect(noTab.stderr).toContain('error[INVALID_INPUT]: nlpft tokenize: line 2 has no tab');
    const noLength = await runNlpft(['tokenize', '-t', bert, '--truncation'], { stdin: 'a' });
    expect(noLength.code).toBe(2);
    expect(noLength.stderr).toContain('--max-length is required with --truncation');
  });

  it('surfaces a malformed tokenizer.json as the TokenizerError with its JSON path', async () => {
    const dir = writeFiles({ 'bad.json': '{"model": {"type": "WordPiece", "vocab": []}}' });
    const r = await runNlpft(['tokenize', '-t', join(dir, 'bad.json')], { stdin: 'a' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error\[TokenizerError INVALID_FIELD\]: nlpft tokenize: .*model\.vocab/,
    );
  });

  it('names a pad token the vocabulary lacks', async () => {
    const r = await runNlpft(['tokenize', '-t', gpt2, '--padding', 'longest'], { stdin: 'a' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'the pad token "[PAD]" is not in the tokenizer\'s vocabulary; pass --pad-token',
    );
  });
});
