/**
 * Pathological inputs, seconds per MB: texts built to make a tokenizer superlinear (one long word, emoji without
 * spaces, one base with a run of combining marks, one repeated character, CJK without spaces), plus ordinary
 * words, for every tokenizer.json in fixtures/, ours (`encode`) next to the Hugging Face Rust binding (`encode`,
 * npm `tokenizers`) on the same string in one process, each timed once after one warm-up call on a small copy.
 * Each text is timed at NLPFT_BENCH_MB (1) and a quarter of it, so a superlinear encoder shows as a growth
 * factor above 4. Run: `pnpm bench:pathological`.
 */
import { createRequire } from 'node:module';
import { fixturePath } from '@nlpft/test-utils';
import type * as HfModule from 'tokenizers';
import { Tokenizer } from '../src/index';

const hf = createRequire(import.meta.url)('tokenizers') as typeof HfModule;
const MODELS = [
  'bert-base-uncased',
  'bert-base-multilingual-cased',
  'gpt2',
  'roberta-base',
  't5-small',
  'phi-3-mini-4k-instruct',
  'clip-vit-base-patch32',
  'falcon-7b',
];
const BYTES = Math.round(Number(process.env.NLPFT_BENCH_MB ?? 1) * 1024 * 1024);

/** Each maker returns a text of about `bytes` UTF-8 bytes. */
const TEXTS: Record<string, (bytes: number) => string> = {
  'one long word': (b) => 'abcdefghij'.repeat(b / 10),
  emoji: (b) => '😀'.repeat(b / 4),
  'combining marks': (b) => 'a' + '\u0301'.repeat(b / 2 - 1),
  'one repeated char': (b) => 'a'.repeat(b),
  'CJK, no spaces': (b) => '中'.repeat(b / 3),
  'ordinary words': (b) => 'the quick brown fox jumps over the lazy dog '.repeat(b / 44),
};

const seconds = async (run: () => unknown): Promise<number> => {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
};

const rows: string[] = [];
let worst = 0;
for (const model of MODELS) {
  const path = fixturePath('tokenizers', model, 'tokenizer.json');
  const ours = Tokenizer.fromFile(path);
  const rust = hf.Tokenizer.fromFile(path);
  for (const [name, make] of Object.entries(TEXTS)) {
    const text = make(BYTES);
    const quarter = make(BYTES / 4);
    ours.encode(make(4096));
    await rust.encode(make(4096));
    const oursQuarter = await seconds(() => ours.encode(quarter));
    const oursFull = await seconds(() => ours.encode(text));
    const rustFull = await seconds(() => rust.encode(text));
    const mb = Buffer.byteLength(text) / (1024 * 1024);
    const ratio = oursFull / rustFull;
    worst = Math.max(worst, ratio);
    rows.push(
      `| ${model} | ${name} | ${(oursFull / mb).toFixed(2)} | ${(rustFull / mb).toFixed(2)} | ` +
        `${ratio.toFixed(2)}× | ${(oursFull / oursQuarter).toFixed(1)} |`,
    );
    process.stderr.write(
      `${model} ${name}: ours ${oursFull.toFixed(2)} s, rust ${rustFull.toFixed(2)} s\n`,
    );
  }
}
console.log(
  [
    `Pathological inputs at ${(BYTES / 1024 / 1024).toFixed(2)} MB (seconds per MB; growth = time at full size / time at a quarter, 4 is linear):`,
    '',
    '| tokenizer | text | ours s/MB | Rust s/MB | ours / Rust | growth ×4 size |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `worst ratio: ${worst.toFixed(2)}×`,
  ].join('\n'),
);
