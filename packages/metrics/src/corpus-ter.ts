import { MetricsError } from './errors';
import { checkOptionsObject, readTotals } from './input-checks';
import { TokenVocab } from './ngram-interner';
import { pyRstrip, pySplit } from './python-text';
import { pyFormatFixed } from './python-format';
import { readCorpusInput, readSentenceInput, SACREBLEU_VERSION } from './sacrebleu-input';
import type { ReferenceStreams } from './sacrebleu-input';
import { tercomTokenize } from './ter-tokenizer';
import type { TercomTokenizerOptions } from './ter-tokenizer';
import { translationEditRate } from './translation-edit-rate';

/** Options of {@link corpusTer} and {@link sentenceTer}; names follow sacrebleu's `TER`. */
export interface TerOptions extends TercomTokenizerOptions {
  /** Score only the common prefix when streams differ in length, as sacrebleu's `zip` does. @defaultValue false */
  truncate?: boolean;
}

/** A TER result with sacrebleu's fields, camelCased. */
export interface TerScore {
  /** TER in percent (can exceed 100), unrounded. */
  score: number;
  /** Total edits (shifts + insertions + deletions + substitutions) against each segment's best reference. */
  numEdits: number;
  /** Sum over segments of the average reference length. */
  refLength: number;
  /** sacrebleu's `str(score)`, e.g. `TER = 36.36`. */
  formatted: string;
  /** sacrebleu's signature, e.g. `nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.4.3`. */
  signature: string;
}

/** Per-segment TER statistics: `[bestEdits, averageRefLength]` per row, summed for the corpus. */
export interface TerStatistics {
  numRefs: number | 'var';
  rows: number[][];
}

function checkOptions(caller: string, options: TerOptions): void {
  checkOptionsObject(caller, options);
  for (const key of [
    'normalized',
    'noPunct',
    'asianSupport',
    'caseSensitive',
    'truncate',
  ] as const) {
    const v = options[key];
    if (v !== undefined && typeof v !== 'boolean') {
      throw new MetricsError(
        'INVALID_OPTION',
        `${caller}: ${key} must be a boolean, got ${typeof v}`,
      );
    }
  }
}

function statistics(
  caller: string,
  hypotheses: readonly string[],
  referenceStreams: ReferenceStreams,
  options: TerOptions,
): TerStatistics {
  checkOptions(caller, options);
  const input = readCorpusInput(caller, hypotheses, referenceStreams, options.truncate ?? false);
  const vocab = new TokenVocab();
  const prep = (s: string): string => tercomTokenize(pyRstrip(s), options);
  const rows = new Array<number[]>(input.hypotheses.length);
  for (let i = 0; i < input.hypotheses.length; i++) {
    const hyp = vocab.ids32(pySplit(prep(input.hypotheses[i] as string)));
    let refLengths = 0;
    let best = 1e16;
    // sacrebleu preprocesses references twice (in _cache_references and again in _extract_reference_info).
    const refs = input.references[i] as string[];
    for (const ref of refs) {
      const words = vocab.ids32(pySplit(prep(prep(ref))));
      const edits = translationEditRate(hyp, words);
      refLengths += words.length;
      if (edits < best) best = edits;
    }
    rows[i] = [best, refLengths / refs.length];
  }
  return { numRefs: input.numRefs, rows };
}

function scoreOf(
  edits: number,
  refLength: number,
  options: TerOptions,
  numRefs: number | 'var',
): TerScore {
  let rate: number;
  if (refLength > 0) rate = edits / refLength;
  else if (edits > 0) rate = 1.0;
  else rate = 0.0;
  const score = 100 * rate;
  const yn = (b: boolean | undefined): string => (b ? 'yes' : 'no');
  return {
    score,
    numEdits: Math.trunc(edits),
    refLength,
    formatted: `TER = ${pyFormatFixed(score, 2)}`,
    signature:
      `nrefs:${numRefs}|case:${options.caseSensitive ? 'mixed' : 'lc'}|tok:tercom|norm:${yn(options.normalized)}` +
      `|punct:${yn(!options.noPunct)}|asian:${yn(options.asianSupport)}|version:${SACREBLEU_VERSION}`,
  };
}

/**
 * Per-segment TER statistics for resampling tests; see {@link TerStatistics}.
 * @throws {MetricsError} as {@link corpusTer}.
 */
export function terStatistics(
  hypotheses: readonly string[],
  referenceStreams: ReferenceStreams,
  options: TerOptions = {},
): TerStatistics {
  return statistics('terStatistics', hypotheses, referenceStreams, options);
}

/**
 * Corpus TER from per-segment statistics (all rows, or those named by `indices`, repeats allowed).
 * @throws {MetricsError} `INVALID_INPUT` when a row is not `[edits, refLength]`.
 */
export function terFromStatistics(
  statistics: TerStatistics,
  options: TercomTokenizerOptions = {},
  indices?: readonly number[],
): TerScore {
  checkOptionsObject('terFromStatistics', options);
  let edits = 0;
  let refLength = 0;
  const take = (row: readonly number[] | undefined, at: number): void => {
    if (!row || row.length !== 2) {
      throw new MetricsError(
        'INVALID_INPUT',
        `terFromStatistics: rows[${at}] must be [edits, refLength]`,
      );
    }
    edits += row[0] as number;
    refLength += row[1] as number;
  };
  if (indices) for (const i of indices) take(statistics.rows[i], i);
  else statistics.rows.forEach((row, i) => take(row, i));
  return scoreOf(edits, refLength, options, statistics.numRefs);
}

/**
 * TER from column sums of {@link TerStatistics} rows (`[edits, refLength]`): the `score` callback of the
 * resampling tests, e.g. `pairedBootstrapTest(a.rows, b.rows, (t) => terFromTotals(t).score)`.
 * @throws {MetricsError} `INVALID_INPUT` when `totals` is not `[edits, refLength]` of finite, non-negative numbers;
 *   `INVALID_OPTION` when `options` is not an object.
 */
export function terFromTotals(
  totals: ArrayLike<number>,
  options: TercomTokenizerOptions & { numRefs?: number | 'var' } = {},
): TerScore {
  checkOptionsObject('terFromTotals', options);
  const [edits, refLength] = readTotals('terFromTotals', totals, 2, 'pass [edits, refLength]') as [
    number,
    number,
  ];
  return scoreOf(edits, refLength, options, options.numRefs ?? 1);
}

/**
 * Corpus TER exactly as sacrebleu 2.4.3's `corpus_ter`: per segment the fewest edits over the references
 * (with Tercom's greedy shifts) and the average reference length, summed, then `100 · edits / length`.
 * @throws {MetricsError} `EMPTY_INPUT`, `LENGTH_MISMATCH`, `INVALID_INPUT` as {@link corpusBleu}; `INVALID_OPTION`.
 * @example corpusTer(['a b c d'], [['b c d a']]).score // 25 (one shift)
 * @see https://github.com/mjpost/sacrebleu/blob/v2.4.3/sacrebleu/metrics/ter.py
 */
export function corpusTer(
  hypotheses: readonly string[],
  referenceStreams: ReferenceStreams,
  options: TerOptions = {},
): TerScore {
  const stats = statistics('corpusTer', hypotheses, referenceStreams, options);
  return terFromStatistics(stats, options);
}

/**
 * Sentence TER as sacrebleu 2.4.3's `sentence_ter`.
 * @throws {MetricsError} `EMPTY_INPUT` when `references` is empty; `INVALID_INPUT`; `INVALID_OPTION`.
 * @example sentenceTer('a b c', ['a b c d']).score // 25
 * @see https://github.com/mjpost/sacrebleu/blob/v2.4.3/sacrebleu/metrics/ter.py
 */
export function sentenceTer(
  hypothesis: string,
  references: readonly string[],
  options: TerOptions = {},
): TerScore {
  checkOptionsObject('sentenceTer', options);
  const streams = readSentenceInput('sentenceTer', hypothesis, references);
  const stats = statistics('sentenceTer', [hypothesis], streams, { ...options, truncate: false });
  return terFromStatistics(stats, options);
}
