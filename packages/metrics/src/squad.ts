import { MetricsError } from './errors';
import { isArray } from './labels';
import { pySplit } from './python-text';

/** `string.punctuation`: the only characters the official script removes (ASCII only). */
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** Python's Unicode `\w`: letters (`str.isalpha`), numbers (`str.isnumeric`) and `_`. */
const WORD = /^[\p{L}\p{N}_]$/u;

function isWordCodePoint(cp: number | undefined): boolean {
  return cp !== undefined && WORD.test(String.fromCodePoint(cp));
}

/** The code point that ends just before UTF-16 index `i`. */
function codePointBefore(s: string, i: number): number | undefined {
  if (i <= 0) return undefined;
  const lo = s.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = s.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return s.codePointAt(i - 2);
  }
  return lo;
}

/** `re.sub(r'\b(a|an|the)\b', ' ', text)` with Python's Unicode-aware `\b` (JavaScript's `\b` is ASCII-only). */
function removeArticles(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if ((c === 0x61 || c === 0x74) && !isWordCodePoint(codePointBefore(text, i))) {
      let len = 0;
      for (const article of ['a', 'an', 'the']) {
        if (text.startsWith(article, i) && !isWordCodePoint(text.codePointAt(i + article.length))) {
          len = article.length;
          break;
        }
      }
      if (len > 0) {
        out += text.slice(last, i) + ' ';
        i += len;
        last = i;
        continue;
      }
    }
    i++;
  }
  return out + text.slice(last);
}

/**
 * The official SQuAD v1.1 answer normalisation: lowercase, drop ASCII punctuation, drop the words a/an/the
 * (Unicode word boundaries, as Python's `re`), collapse Python whitespace.
 * @example squadNormalize('The  Quick, brown fox!') // 'quick brown fox'
 * @see https://github.com/allenai/bi-att-flow/blob/master/squad/evaluate-v1.1.py
 */
export function squadNormalize(text: string): string {
  if (typeof text !== 'string') {
    throw new MetricsError(
      'INVALID_INPUT',
      `squadNormalize: text is ${typeof text}; expected a string`,
    );
  }
  const lower = text.toLowerCase();
  let noPunct = '';
  for (const ch of lower) if (!PUNCTUATION.has(ch)) noPunct += ch;
  return pySplit(removeArticles(noPunct)).join(' ');
}

function tokenF1(prediction: string, truth: string): number {
  const p = pySplit(squadNormalize(prediction));
  const t = pySplit(squadNormalize(truth));
  const counts = new Map<string, number>();
  for (const w of p) counts.set(w, (counts.get(w) ?? 0) + 1);
  let same = 0;
  for (const w of t) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      same++;
      counts.set(w, c - 1);
    }
  }
  if (same === 0) return 0;
  const precision = (1.0 * same) / p.length;
  const recall = (1.0 * same) / t.length;
  return (2 * precision * recall) / (precision + recall);
}

function checkTruths(
  fn: string,
  groundTruths: readonly string[] | string,
  where: string,
): readonly string[] {
  const truths = typeof groundTruths === 'string' ? [groundTruths] : groundTruths;
  if (!isArray(truths) || truths.some((t) => typeof t !== 'string')) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: ${where} must be a string or an array of strings`,
    );
  }
  if (truths.length === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${fn}: ${where} is empty; give at least one ground-truth answer`,
    );
  }
  return truths;
}

/** Exact match and token F1 of one answer, each in [0, 1]. */
export interface SquadScore {
  exactMatch: number;
  f1: number;
}

/**
 * SQuAD v1.1 exact match and token F1 of one prediction: the maximum over its ground truths, each in [0, 1].
 * As in the official script, F1("", "") is 0 while their exact match is 1.
 * @throws {MetricsError} `EMPTY_INPUT` when groundTruths is empty; `INVALID_INPUT` for non-strings.
 * @example squadScore('the Eiffel Tower', ['Eiffel Tower', 'Paris']) // { exactMatch: 1, f1: 1 }
 * @see https://github.com/allenai/bi-att-flow/blob/master/squad/evaluate-v1.1.py
 */
export function squadScore(
  prediction: string,
  groundTruths: readonly string[] | string,
): SquadScore {
  const fn = 'squadScore';
  if (typeof prediction !== 'string') {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: prediction is ${typeof prediction}; expected a string`,
    );
  }
  const truths = checkTruths(fn, groundTruths, 'groundTruths');
  const normPred = squadNormalize(prediction);
  let exactMatch = 0;
  let f1 = -Infinity;
  for (const t of truths) {
    if (squadNormalize(t) === normPred) exactMatch = 1;
    f1 = Math.max(f1, tokenF1(prediction, t));
  }
  return { exactMatch, f1 };
}

/**
 * Corpus SQuAD v1.1 scores, as the official script prints them: 100 × the mean exact match and F1.
 * @throws {MetricsError} `LENGTH_MISMATCH` when predictions and groundTruths differ in length;
 *   `EMPTY_INPUT` when there are no predictions or a question has no ground truth.
 * @example squadCorpus(['Denver Broncos', 'the 1990s'], [['Denver Broncos'], ['1980s']]) // { exactMatch: 50, f1: 50 }
 * @see https://github.com/allenai/bi-att-flow/blob/master/squad/evaluate-v1.1.py
 */
export function squadCorpus(
  predictions: readonly string[],
  groundTruths: readonly (readonly string[] | string)[],
): SquadScore {
  const fn = 'squadCorpus';
  if (!isArray(predictions) || !isArray(groundTruths)) {
    throw new MetricsError('INVALID_INPUT', `${fn}: predictions and groundTruths must be arrays`);
  }
  if (predictions.length !== groundTruths.length) {
    throw new MetricsError(
      'LENGTH_MISMATCH',
      `${fn}: predictions has ${predictions.length} answers but groundTruths has ${groundTruths.length}; pass one list of ground truths per prediction`,
    );
  }
  if (predictions.length === 0) {
    throw new MetricsError('EMPTY_INPUT', `${fn}: predictions is empty, so the mean is undefined`);
  }
  let em = 0;
  let f1 = 0;
  predictions.forEach((p, i) => {
    if (typeof p !== 'string') {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: predictions[${i}] is ${typeof p}; expected a string`,
      );
    }
    const truths = checkTruths(fn, groundTruths[i] as readonly string[], `groundTruths[${i}]`);
    const s = squadScore(p, truths);
    em += s.exactMatch;
    f1 += s.f1;
  });
  return { exactMatch: (100.0 * em) / predictions.length, f1: (100.0 * f1) / predictions.length };
}
