import { checkOptionsObject, checkString } from './input-checks';
import { porterStem } from './porter-stemmer';

/** Options of {@link rougeTokenize}. */
export interface RougeTokenizeOptions {
  /** Porter-stem tokens longer than 3 characters (NLTK's extended variant). @defaultValue false */
  useStemmer?: boolean;
}

const NON_ALPHANUM = /[^a-z0-9]+/;

/**
 * rouge-score 0.1.2's default tokenizer: lowercase, every run of characters outside `[a-z0-9]` becomes a
 * separator (so non-ASCII letters are dropped and split words: `naïve` → `na`, `ve`), optional Porter stemming
 * of tokens longer than 3 characters.
 * @throws {MetricsError} `INVALID_INPUT` when `text` is not a string; `INVALID_OPTION` when `options` is not an object.
 * @example rougeTokenize('The cats were running!', { useStemmer: true }) // ['the', 'cat', 'were', 'run']
 * @see https://github.com/google-research/google-research/blob/master/rouge/tokenize.py
 */
export function rougeTokenize(text: string, options: RougeTokenizeOptions = {}): string[] {
  checkString('rougeTokenize', 'text', text);
  checkOptionsObject('rougeTokenize', options);
  return tokenizeWith(text, options.useStemmer ? porterStem : null);
}

/** The tokenizer with a given (possibly memoised) stemmer. @internal */
export function tokenizeWith(text: string, stem: ((word: string) => string) | null): string[] {
  const parts = text.toLowerCase().split(NON_ALPHANUM);
  const out: string[] = [];
  for (const part of parts) {
    if (part === '') continue;
    out.push(stem !== null && part.length > 3 ? stem(part) : part);
  }
  return out;
}
