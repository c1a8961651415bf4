/**
 * Where a model writes the tokens of one pre-tokenized word: id, token text and its `[start, end)` range
 * in UTF-16 units of the word.
 * @internal
 */
export interface TokenSink {
  push(id: number, value: string, start: number, end: number): void;
}

/** What every tokenization model (WordPiece, BPE, Unigram, WordLevel) provides. */
export interface Model {
  readonly type: 'WordPiece' | 'BPE' | 'Unigram' | 'WordLevel';
  /** Tokenize one word (a pre-tokenized split) into the sink. */
  tokenize(word: string, sink: TokenSink): void;
  tokenToId(token: string): number | undefined;
  idToToken(id: number): string | undefined;
  /** Number of entries in the model's vocabulary (added tokens excluded). */
  getVocabSize(): number;
  /** The vocabulary as a plain object, token to id. */
  getVocab(): Record<string, number>;
}

/** Hugging Face's cache bound: words longer than this are not cached. */
export const CACHE_MAX_WORD = 256;
/** Entries kept before a model's word cache is cleared. */
export const CACHE_CAPACITY = 100_000;

/**
 * The result of `compute(word)` through a model's word cache: short words are kept, and the cache is emptied
 * when it reaches {@link CACHE_CAPACITY} (a simple bound that keeps memory flat on unbounded input).
 */
export function cachedWord<T>(
  cache: Map<string, T>,
  word: string,
  compute: (word: string) => T,
): T {
  let res = cache.get(word);
  if (res === undefined) {
    res = compute(word);
    if (word.length <= CACHE_MAX_WORD) {
      if (cache.size >= CACHE_CAPACITY) cache.clear();
      cache.set(word, res);
    }
  }
  return res;
}
