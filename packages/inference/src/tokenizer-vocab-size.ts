import type { TokenizerLike } from './types';

/**
 * The tokenizer's vocabulary size when it exposes one (`getVocabSize()` as in Hugging Face tokenizers, or a
 * `vocabSize` property), else `undefined`.
 */
export function tokenizerVocabSize(tokenizer: TokenizerLike): number | undefined {
  const t = tokenizer as TokenizerLike & {
    getVocabSize?: (withAdded?: boolean) => number;
    vocabSize?: unknown;
  };
  if (typeof t.getVocabSize === 'function') return t.getVocabSize(true);
  if (typeof t.vocabSize === 'number') return t.vocabSize;
  return undefined;
}
