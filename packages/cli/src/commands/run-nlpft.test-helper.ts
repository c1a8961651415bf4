// Test helpers (not exported): run `nlpft` in-process with string streams, and the inference fixtures as files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { repoRoot } from '@nlpft/test-utils';
import { NLPFT_PROGRAM } from '../cli/program';
import { runCli } from '../cli/run-cli';
import type { CliIo } from '../cli/types';
import { builtinCommands } from './builtin-commands';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A writable that keeps what is written. */
export function stringStream(tty = false): {
  write(s: string): boolean;
  text: string;
  isTTY: boolean;
} {
  return {
    text: '',
    isTTY: tty,
    write(s: string) {
      this.text += s;
      return true;
    },
  };
}

/** Runs `nlpft ...argv` in-process; `stdin` is the text standard input holds. */
export async function runNlpft(
  argv: readonly string[],
  options: { stdin?: string; cwd?: string; tty?: boolean } = {},
): Promise<CliRun> {
  const stdout = stringStream(options.tty);
  const stderr = stringStream(options.tty);
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    cwd: options.cwd ?? process.cwd(),
    env: {},
  };
  const code = await runCli(argv, io, { commands: builtinCommands, program: NLPFT_PROGRAM });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'nlpft-cli-'));
}

/** Writes files (name → content) into a fresh temporary folder and returns it. */
export function writeFiles(files: Readonly<Record<string, string>>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** packages/inference/fixtures: tiny BERT and GPT-2 ONNX models made with PyTorch. */
export const inferenceFixtures = (): string =>
  join(repoRoot(), 'packages', 'inference', 'fixtures');

/** `packages/inference/fixtures/<name>/model.onnx`. */
export function fixtureModel(name: string): string {
  return join(inferenceFixtures(), name, 'model.onnx');
}

/**
 * The fixtures' word-level tokenizer (lowercase, words and punctuation, fixtures/vocab.json, [UNK] = 1) as a
 * Hugging Face tokenizer.json; `bert` adds `[CLS] A [SEP] (B [SEP])`, `gpt` no special tokens. The models' 1000
 * embedding rows past vocab.json's words get placeholder tokens `<id>` (never produced by encoding, since `<`
 * splits off) so generated ids decode.
 */
export function fixtureTokenizerJson(style: 'bert' | 'gpt'): string {
  const words = JSON.parse(
    readFileSync(join(inferenceFixtures(), 'vocab.json'), 'utf8'),
  ) as string[];
  const vocab = [
    ...words,
    ...Array.from({ length: 1000 - words.length }, (_, i) => `<${words.length + i}>`),
  ];
  const special = (id: string, typeId: number): object => ({
    SpecialToken: { id, type_id: typeId },
  });
  const sequence = (id: 'A' | 'B', typeId: number): object => ({
    Sequence: { id, type_id: typeId },
  });
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: vocab.slice(0, 5).map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor:
      style === 'gpt'
        ? null
        : {
            type: 'TemplateProcessing',
            single: [special('[CLS]', 0), sequence('A', 0), special('[SEP]', 0)],
            pair: [
              special('[CLS]', 0),
              sequence('A', 0),
              special('[SEP]', 0),
              sequence('B', 1),
              special('[SEP]', 1),
            ],
            special_tokens: {
              '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
              '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
            },
          },
    decoder: null,
    model: {
      type: 'WordLevel',
      vocab: Object.fromEntries(vocab.map((w, i) => [w, i])),
      unk_token: '[UNK]',
    },
  });
}
