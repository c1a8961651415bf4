// Formatting + collation cost of @nlpft/task-inputs relative to tokenization alone, on 10,000 generated pairs.
// Run: npx tsx bench/run.ts (from packages/task-inputs). Tokenizer: @nlpft/tokenizers with bert-base-uncased;
// the Hugging Face binding's encodeBatch is timed on the same texts for reference.
import { Tokenizer } from '@nlpft/tokenizers';
import { readFixtureTokenizer } from '@nlpft/test-utils';
import tokenizers from 'tokenizers';
import { bertTemplate, collateBatch, encodeInputsBatch } from '../src/index';
import type { BatchInput, TokenSequence } from '../src/index';
import { randomText, seededRandom } from '../src/random-text.test-helper';

const PAIRS = 10_000;
const BATCH = 32;
const RUNS = 3;

const json = readFixtureTokenizer('bert-base-uncased');
const ours = Tokenizer.fromString(json);
const hf = tokenizers.Tokenizer.fromString(json);
const rand = seededRandom(2018);
const pairs = Array.from(
  { length: PAIRS },
  () =>
    [
      randomText(rand, 4 + Math.floor(rand() * 10)),
      randomText(rand, 20 + Math.floor(rand() * 60)),
    ] as const,
);
const texts = pairs.flat();
const template = bertTemplate();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

let sink = 0;
let tokenized: [TokenSequence, TokenSequence][] = [];
const tTokenize = time(() => {
  tokenized = pairs.map(([a, b]) => [
    ours.encode(a, null, { addSpecialTokens: false }),
    ours.encode(b, null, { addSpecialTokens: false }),
  ]);
});
const tFormat = time(() => {
  for (let i = 0; i < tokenized.length; i += BATCH) {
    const batch = tokenized.slice(i, i + BATCH) as BatchInput[];
    const encodings = encodeInputsBatch(ours, batch, {
      template,
      maxLength: 128,
      padding: 'longest',
    });
    sink += collateBatch(encodings).input_ids.dims[1]!;
  }
});
const tBoth = time(() => {
  for (let i = 0; i < pairs.length; i += BATCH) {
    const encodings = encodeInputsBatch(ours, pairs.slice(i, i + BATCH), {
      template,
      maxLength: 128,
      padding: 'longest',
    });
    sink += collateBatch(encodings).input_ids.dims[1]!;
  }
});
const hfTimes: number[] = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  await hf.encodeBatch(texts, { addSpecialTokens: false });
  hfTimes.push(performance.now() - t0);
}
const tHf = median(hfTimes);

const ms = (x: number): string => `${x.toFixed(0)} ms`;
console.log(
  `${PAIRS} pairs (${texts.length} texts, ${(texts.join('').length / 1e6).toFixed(2)} M chars), batches of ${BATCH}, maxLength 128, median of ${RUNS}`,
);
console.log(`tokenization alone (@nlpft/tokenizers encode, no special tokens): ${ms(tTokenize)}`);
console.log(
  `formatting + collation (encodeInputsBatch + collateBatch, pre-tokenized): ${ms(tFormat)}`,
);
console.log(`ratio formatting+collation / tokenization: ${(tFormat / tTokenize).toFixed(3)}`);
console.log(
  `tokenize + format + collate in one pass: ${ms(tBoth)} (${(tBoth / tTokenize).toFixed(2)}× tokenization alone)`,
);
console.log(`reference: Hugging Face binding encodeBatch of the same texts: ${ms(tHf)}`);
if (sink < 0) console.log(sink);
