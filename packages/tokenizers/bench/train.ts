/**
 * Training benchmark: our trainers vs the Hugging Face Rust binding (npm `tokenizers`) in one process, on the same
 * ~2 MB multilingual corpus (Moby-Dick, State of the Union, SpamAssassin, generated Unicode edge cases).
 * Run: `npx tsx bench/train.ts [bytes]`. The binding only exposes each model's default trainer (BPE and
 * WordPiece: vocabulary 30000; Unigram: 8000), so the ratio compares like for like at those sizes; our time at
 * vocabulary 8000 is printed too. Hugging Face trains with rayon threads; we use one thread.
 */
import { countWords } from '../src/trainers/count-words';
import { corpusLines, hfTrain } from '../src/trainers/hf-oracle';
import { trainBpeModel } from '../src/trainers/bpe-trainer';
import { createTrainingSplitter } from '../src/trainers/training-splitter';
import { trainUnigramModel } from '../src/trainers/unigram-trainer';
import { trainWordPieceModel } from '../src/trainers/wordpiece-trainer';
import type { ComponentJson } from '../src/trainers/types';

const bytes = Number(process.argv[2] ?? 2_000_000);
const lines = corpusLines(bytes);
const mb = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) / 1e6;
const withNewlines = lines.map((l) => `${l}\n`);

const bert: ComponentJson = {
  type: 'BertNormalizer',
  clean_text: true,
  handle_chinese_chars: true,
  strip_accents: null,
  lowercase: true,
};
const metaspace: ComponentJson = {
  type: 'Metaspace',
  replacement: '\u2581',
  prepend_scheme: 'always',
  split: true,
};
const byteLevel: ComponentJson = {
  type: 'ByteLevel',
  add_prefix_space: false,
  trim_offsets: true,
  use_regex: true,
};

async function time(f: () => unknown): Promise<number> {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
}

type Kind = 'BPE' | 'WordPiece' | 'Unigram';
const runs: [string, Kind, ComponentJson | null, ComponentJson, number][] = [
  ['byte-level BPE', 'BPE', null, byteLevel, 30000],
  ['WordPiece (BERT)', 'WordPiece', bert, { type: 'BertPreTokenizer' }, 30000],
  ['Unigram (Metaspace, NFKC)', 'Unigram', { type: 'NFKC' }, metaspace, 8000],
];

console.log(`corpus: ${lines.length} lines, ${mb.toFixed(2)} MB; node ${process.version}`);
console.log('trainer | HF binding s | ours s (same vocab) | ours/HF | ours s at vocab 8000');
for (const [name, kind, normalizer, pre, hfVocab] of runs) {
  const train = async (vocabSize: number): Promise<void> => {
    const counts = await countWords(withNewlines, createTrainingSplitter(normalizer, pre));
    if (kind === 'BPE') trainBpeModel(counts, { vocabSize });
    else if (kind === 'WordPiece') trainWordPieceModel(counts, { vocabSize });
    else trainUnigramModel(counts, { vocabSize });
  };
  const hf = await time(() => hfTrain(kind, lines, normalizer, pre));
  const same = await time(() => train(hfVocab));
  const at8k = hfVocab === 8000 ? same : await time(() => train(8000));
  console.log(
    `${name} | ${hf.toFixed(2)} | ${same.toFixed(2)} | ${(same / hf).toFixed(2)}x | ${at8k.toFixed(2)}`,
  );
}
