import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer, trainWordPiece } from '@nlpft/tokenizers';
import { saveTokenizerJson } from '@nlpft/tokenizers/node';

/**
 * A WordPiece vocabulary trained on the pre-training text (lowercased BERT normalisation), cached by size and
 * text count in the cache folder.
 */
export async function demoTokenizer(
  cacheDir: string,
  texts: readonly string[],
  vocabSize: number,
): Promise<{ tokenizer: Tokenizer; cached: boolean }> {
  const path = join(cacheDir, `wordpiece-${vocabSize}-${texts.length}.json`);
  if (existsSync(path))
    return { tokenizer: Tokenizer.fromString(readFileSync(path, 'utf8')), cached: true };
  const json = await trainWordPiece(texts, { vocabSize });
  mkdirSync(cacheDir, { recursive: true });
  await saveTokenizerJson(path, json);
  return { tokenizer: Tokenizer.fromString(JSON.stringify(json)), cached: false };
}
