import { bleuTokenizerFor, tokens13a } from './bleu-tokenizers';
import type { BleuTokenizerName } from './bleu-tokenizers';
import { MetricsError } from './errors';
import { checkOptionsObject, quoteValue, readTotals } from './input-checks';
import { warnToConsole } from './generation-warning';
import type { GenerationWarningHandler } from './generation-warning';
import { MAX_NGRAM_ORDER, SegmentNgramTable, TokenVocab } from './ngram-interner';
import { pyRstrip, pySplit } from './python-text';
import { pyFormatFixed } from './python-format';
import { readCorpusInput, readSentenceInput, SACREBLEU_VERSION } from './sacrebleu-input';
import type { ReferenceStreams } from './sacrebleu-input';

/**
 * Adds one to `counts[id]` for every n-gram id of a segment: `buf` holds the ids of order k + 1 at
 * `k * n … k * n + n − k − 1`, as `ngramIds` lays them out.
 */
function countNgrams(buf: Int32Array, n: number, order: number, counts: Int32Array): void {
  for (let k = 0; k < order; k++) {
    const base = k * n;
    for (let p = 0; p < n - k; p++) {
      const id = buf[base + p] as number;
      counts[id] = (counts[id] as number) + 1;
    }
  }
}

/** BLEU smoothing, as sacrebleu names them (Chen & Cherry 2014): `floor` = method 1, `add-k` = 2, `exp` = 3. */
export type SmoothMethod = 'exp' | 'floor' | 'add-k' | 'none';

const SMOOTH_DEFAULTS: Record<SmoothMethod, number | null> = {
  none: null,
  floor: 0.1,
  'add-k': 1,
  exp: null,
};

/** Options of {@link corpusBleu} and {@link sentenceBleu}; names follow sacrebleu's `corpus_bleu`. */
export interface BleuOptions {
  /** Tokenizer applied to hypotheses and references. @defaultValue '13a' */
  tokenize?: BleuTokenizerName;
  /** Lowercase everything first (Python's `str.lower()`). @defaultValue false */
  lowercase?: boolean;
  /** Smoothing of zero n-gram precisions. @defaultValue 'exp' */
  smoothMethod?: SmoothMethod;
  /** The value for `floor` and `add-k`. @defaultValue 0.1 for floor, 1 for add-k */
  smoothValue?: number;
  /** Average only the n-gram orders the hypothesis has. @defaultValue false for a corpus, true for a sentence */
  useEffectiveOrder?: boolean;
  /** Highest n-gram order. @defaultValue 4 */
  maxNgramOrder?: number;
  /** Silence the "forgot to detokenize" warning (100+ hypotheses ending in ` .`). @defaultValue false */
  force?: boolean;
  /** Score only the common prefix when streams differ in length, as sacrebleu's `zip` does. @defaultValue false */
  truncate?: boolean;
  /** Receives what sacrebleu logs as warnings. @defaultValue `console.warn` */
  onWarning?: GenerationWarningHandler;
}

/** A BLEU result with sacrebleu's fields, camelCased. */
export interface BleuScore {
  /** BLEU in [0, 100], unrounded. */
  score: number;
  /** Clipped n-gram matches per order (add-k smoothing adds its value, as sacrebleu does). */
  counts: number[];
  /** Hypothesis n-grams per order (add-k smoothing adds its value). */
  totals: number[];
  /** Per-order precisions in percent, after smoothing. */
  precisions: number[];
  /** Brevity penalty: `exp(1 - r/c)` when c < r, 1 otherwise, 0 when c = 0. */
  bp: number;
  /** Hypothesis length c (tokens). */
  sysLen: number;
  /** Effective reference length r: per segment, the reference length closest to the hypothesis (shorter on ties). */
  refLen: number;
  /** sysLen / refLen, 0 when refLen is 0. */
  ratio: number;
  /** sacrebleu's `str(score)`, e.g. `BLEU = 34.09 77.2/45.2/26.3/14.7 (BP = 1.000 ratio = 1.000 hyp_len = 92 ref_len = 92)`. */
  formatted: string;
  /** sacrebleu's signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3`. */
  signature: string;
}

/**
 * Per-segment sufficient statistics of BLEU: each row is sacrebleu's
 * `[sysLen, refLen, correct_1..correct_N, total_1..total_N]`. Summing rows and calling
 * {@link bleuFromStatistics} gives the corpus score, so resampling (bootstrap, approximate randomization)
 * never re-tokenizes.
 */
export interface BleuStatistics {
  maxNgramOrder: number;
  /** The signature's `nrefs`. */
  numRefs: number | 'var';
  rows: number[][];
}

interface ResolvedBleuOptions {
  tokenize: BleuTokenizerName;
  lowercase: boolean;
  smoothMethod: SmoothMethod;
  smoothValue: number | null;
  useEffectiveOrder: boolean;
  maxNgramOrder: number;
}

function resolveOptions(
  caller: string,
  options: BleuOptions,
  effectiveDefault: boolean,
): ResolvedBleuOptions {
  checkOptionsObject(caller, options);
  const smoothMethod = options.smoothMethod ?? 'exp';
  if (!(smoothMethod in SMOOTH_DEFAULTS)) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${caller}: unknown smoothMethod ${quoteValue(smoothMethod)}; use one of exp, floor, add-k, none`,
    );
  }
  const maxNgramOrder = options.maxNgramOrder ?? 4;
  if (!Number.isInteger(maxNgramOrder) || maxNgramOrder < 1 || maxNgramOrder > MAX_NGRAM_ORDER) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${caller}: maxNgramOrder must be an integer from 1 to ${MAX_NGRAM_ORDER}, got ${String(maxNgramOrder)}`,
    );
  }
  const value = options.smoothValue ?? SMOOTH_DEFAULTS[smoothMethod];
  if (value !== null && !Number.isFinite(value)) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${caller}: smoothValue must be a finite number, got ${String(value)}`,
    );
  }
  const tokenize = options.tokenize ?? '13a';
  bleuTokenizerFor(tokenize, caller);
  return {
    tokenize,
    lowercase: options.lowercase ?? false,
    smoothMethod,
    smoothValue: value,
    useEffectiveOrder: options.useEffectiveOrder ?? effectiveDefault,
    maxNgramOrder,
  };
}

/** Tokens of a preprocessed segment: lowercase, rstrip, tokenizer, split. */
function makeSegmenter(o: ResolvedBleuOptions): (text: string) => string[] {
  if (o.tokenize === '13a') {
    return (text) => tokens13a(pyRstrip(o.lowercase ? text.toLowerCase() : text));
  }
  const tokenizer = bleuTokenizerFor(o.tokenize, 'bleu');
  return (text) => pySplit(tokenizer(pyRstrip(o.lowercase ? text.toLowerCase() : text)));
}

/**
 * Counts clipped n-gram matches with integer ids: tokens are interned corpus-wide, n-grams get per-segment ids
 * as chains of (prefix id, token id) pairs, and counts live in small typed arrays indexed by id.
 */
class BleuCounter {
  private readonly vocab = new TokenVocab();
  private readonly table = new SegmentNgramTable(1 << 10);
  private tokenBuf = new Int32Array(256);
  private ngramBuf = new Int32Array(1024);

  constructor(
    private readonly order: number,
    private readonly caller: string,
  ) {}

  /** Local n-gram ids of `tokens` into `ngramBuf`, order k at `k * n + position`. */
  private ngramIds(tokens: readonly string[]): number {
    const n = tokens.length;
    const order = this.order;
    if (this.tokenBuf.length < n) this.tokenBuf = new Int32Array(n * 2);
    if (this.ngramBuf.length < n * order) this.ngramBuf = new Int32Array(n * order * 2);
    const ids = this.tokenBuf;
    const buf = this.ngramBuf;
    const table = this.table;
    const vocab = this.vocab;
    for (let i = 0; i < n; i++) ids[i] = vocab.id(tokens[i] as string);
    for (let p = 0; p < n; p++) {
      let prev = 0;
      const maxK = order < n - p ? order : n - p;
      for (let k = 0; k < maxK; k++) {
        prev = table.intern(prev, ids[p + k] as number);
        buf[k * n + p] = prev;
      }
    }
    return n;
  }

  /** sacrebleu's `[hyp_len, ref_len, correct..., total...]` for one segment. */
  segment(hyp: readonly string[], refs: readonly (readonly string[])[]): number[] {
    const order = this.order;
    const row = new Array<number>(2 + 2 * order).fill(0);
    let grams = hyp.length * order;
    for (const ref of refs) grams += ref.length * order;
    const table = this.table;
    table.reset(grams, this.caller);
    // countsB: the maximum count over references of each n-gram; countsA: scratch counts.
    let closestDiff = -1;
    let closestLen = -1;
    const hypLen = hyp.length;
    for (const ref of refs) {
      const refLen = ref.length;
      const diff = Math.abs(hypLen - refLen);
      if (closestDiff === -1 || diff < closestDiff) {
        closestDiff = diff;
        closestLen = refLen;
      } else if (diff === closestDiff && refLen < closestLen) {
        closestLen = refLen;
      }
      const n = this.ngramIds(ref);
      const buf = this.ngramBuf;
      const refMax = table.countsB;
      if (refs.length === 1) {
        countNgrams(buf, n, order, refMax);
      } else {
        const cnt = table.countsA;
        countNgrams(buf, n, order, cnt);
        for (let k = 0; k < order; k++) {
          const base = k * n;
          for (let p = 0; p < n - k; p++) {
            const id = buf[base + p] as number;
            const c = cnt[id] as number;
            if (c > (refMax[id] as number)) refMax[id] = c;
            cnt[id] = 0;
          }
        }
      }
    }
    row[0] = hypLen;
    row[1] = closestLen;
    // Hypothesis n-grams, clipped by the reference maxima.
    const n = this.ngramIds(hyp);
    const buf = this.ngramBuf;
    const refMax = table.countsB;
    const cnt = table.countsA;
    countNgrams(buf, n, order, cnt);
    for (let k = 0; k < order; k++) {
      const base = k * n;
      let correct = 0;
      for (let p = 0; p < n - k; p++) {
        const id = buf[base + p] as number;
        const c = cnt[id] as number;
        if (c === 0) continue;
        const r = refMax[id] as number;
        correct += c < r ? c : r;
        cnt[id] = 0;
      }
      row[2 + k] = correct;
      row[2 + order + k] = n - k > 0 ? n - k : 0;
    }
    refMax.fill(0, 0, table.size + 1);
    return row;
  }
}

/** Python's `my_log`: log, with log(0) as -9999999999. */
function myLog(x: number): number {
  return x === 0 ? -9999999999 : Math.log(x);
}

function signatureOf(o: ResolvedBleuOptions, numRefs: number | 'var'): string {
  let smooth: string = o.smoothMethod;
  const def = SMOOTH_DEFAULTS[o.smoothMethod];
  if (def !== null) smooth += `[${pyFormatFixed(o.smoothValue ?? def, 2)}]`;
  return (
    `nrefs:${numRefs}|case:${o.lowercase ? 'lc' : 'mixed'}|eff:${o.useEffectiveOrder ? 'yes' : 'no'}` +
    `|tok:${o.tokenize}|smooth:${smooth}|version:${SACREBLEU_VERSION}`
  );
}

/** sacrebleu's `BLEU.compute_bleu` on summed statistics, in its order of operations. */
function computeBleu(
  stats: readonly number[],
  o: ResolvedBleuOptions,
  numRefs: number | 'var',
): BleuScore {
  const order = o.maxNgramOrder;
  const sysLen = stats[0] as number;
  const refLen = stats[1] as number;
  const correct = stats.slice(2, 2 + order);
  const total = stats.slice(2 + order, 2 + 2 * order);
  let bp: number;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0.0;
  else bp = 1.0;
  const precisions = new Array<number>(order).fill(0);
  let score = 0.0;
  if (correct.some((c) => c !== 0)) {
    let smoothMteval = 1.0;
    let effOrder = order;
    const smoothValue = o.smoothValue ?? 0;
    for (let n = 1; n <= order; n++) {
      if (o.smoothMethod === 'add-k' && n > 1) {
        correct[n - 1] = (correct[n - 1] as number) + smoothValue;
        total[n - 1] = (total[n - 1] as number) + smoothValue;
      }
      const t = total[n - 1] as number;
      if (t === 0) break;
      if (o.useEffectiveOrder) effOrder = n;
      const c = correct[n - 1] as number;
      if (c === 0) {
        if (o.smoothMethod === 'exp') {
          smoothMteval *= 2;
          precisions[n - 1] = 100 / (smoothMteval * t);
        } else if (o.smoothMethod === 'floor') {
          precisions[n - 1] = (100 * smoothValue) / t;
        }
      } else {
        precisions[n - 1] = (100 * c) / t;
      }
    }
    let sum = 0;
    for (let i = 0; i < effOrder; i++) sum += myLog(precisions[i] as number);
    score = bp * Math.exp(sum / effOrder);
  }
  const ratio = refLen ? sysLen / refLen : 0;
  const formatted =
    `BLEU = ${pyFormatFixed(score, 2)} ${precisions.map((p) => pyFormatFixed(p, 1)).join('/')} ` +
    `(BP = ${pyFormatFixed(bp, 3)} ratio = ${pyFormatFixed(ratio, 3)} hyp_len = ${sysLen} ref_len = ${refLen})`;
  return {
    score,
    counts: correct,
    totals: total,
    precisions,
    bp,
    sysLen,
    refLen,
    ratio,
    formatted,
    signature: signatureOf(o, numRefs),
  };
}

function statistics(
  caller: string,
  hypotheses: readonly string[],
  referenceStreams: ReferenceStreams,
  options: BleuOptions,
  o: ResolvedBleuOptions,
): BleuStatistics {
  const input = readCorpusInput(caller, hypotheses, referenceStreams, options.truncate ?? false);
  const segmenter = makeSegmenter(o);
  const counter = new BleuCounter(o.maxNgramOrder, caller);
  const rows: number[][] = new Array<number[]>(input.hypotheses.length);
  let tokenizedPeriods = 0;
  for (let i = 0; i < input.hypotheses.length; i++) {
    const hyp = input.hypotheses[i] as string;
    if (!options.force && hyp.endsWith(' .')) tokenizedPeriods++;
    const refs = (input.references[i] as string[]).map(segmenter);
    rows[i] = counter.segment(segmenter(hyp), refs);
  }
  if (tokenizedPeriods >= 100) {
    const warn = options.onWarning ?? warnToConsole;
    warn({
      category: 'log:sacrebleu',
      message: "That's 100 lines that end in a tokenized period ('.')",
    });
    warn({
      category: 'log:sacrebleu',
      message: 'It looks like you forgot to detokenize your test data, which may hurt your score.',
    });
    warn({
      category: 'log:sacrebleu',
      message:
        "If you insist your data is detokenized, or don't care, you can suppress this message with the `force` parameter.",
    });
  }
  return { maxNgramOrder: o.maxNgramOrder, numRefs: input.numRefs, rows };
}

/**
 * Per-segment BLEU statistics for resampling tests; see {@link BleuStatistics}.
 * @throws {MetricsError} as {@link corpusBleu}.
 * @example bleuFromStatistics(bleuStatistics(hyps, refs)).score === corpusBleu(hyps, refs).score // true
 */
export function bleuStatistics(
  hypotheses: readonly string[],
  referenceStreams: ReferenceStreams,
  options: BleuOptions = {},
): BleuStatistics {
  const o = resolveOptions('bleuStatistics', options, false);
  return statistics('bleuStatistics', hypotheses, referenceStreams, options, o);
}

/**
 * Corpus BLEU from per-segment statistics: sums the rows (or the rows named by `indices`, repeats allowed, for
 * a bootstrap resample) and scores them as sacrebleu's `_compute_score_from_stats`.
 * @throws {MetricsError} `INVALID_INPUT` when a row does not have `2 + 2 * maxNgramOrder` numbers or an index is out of range.
 */
export function bleuFromStatistics(
  statistics: BleuStatistics,
  options: Pick<
    BleuOptions,
    'tokenize' | 'lowercase' | 'smoothMethod' | 'smoothValue' | 'useEffectiveOrder'
  > = {},
  indices?: readonly number[],
): BleuScore {
  const o = resolveOptions(
    'bleuFromStatistics',
    { ...options, maxNgramOrder: statistics.maxNgramOrder },
    false,
  );
  const width = 2 + 2 * o.maxNgramOrder;
  const sum = new Array<number>(width).fill(0);
  const take = (row: readonly number[] | undefined, at: number): void => {
    if (!row || row.length !== width) {
      throw new MetricsError(
        'INVALID_INPUT',
        `bleuFromStatistics: rows[${at}] must hold ${width} numbers (sysLen, refLen, ${o.maxNgramOrder} counts, ${o.maxNgramOrder} totals)`,
      );
    }
    for (let j = 0; j < width; j++) sum[j] = (sum[j] as number) + (row[j] as number);
  };
  if (indices) {
    for (const i of indices) take(statistics.rows[i], i);
  } else {
    statistics.rows.forEach((row, i) => take(row, i));
  }
  return computeBleu(sum, o, statistics.numRefs);
}

/** Options of {@link bleuFromTotals}: the scoring options plus the signature's reference count. */
export type BleuTotalsOptions = Pick<
  BleuOptions,
  'tokenize' | 'lowercase' | 'smoothMethod' | 'smoothValue' | 'useEffectiveOrder' | 'maxNgramOrder'
> & {
  /** The signature's `nrefs`. @defaultValue 1 */
  numRefs?: number | 'var';
};

/**
 * BLEU from column sums of {@link BleuStatistics} rows (`[sysLen, refLen, correct..., total...]`), as sacrebleu's
 * `_compute_score_from_stats`. This is the `score` callback the resampling tests take:
 * `pairedBootstrapTest(a.rows, b.rows, (t) => bleuFromTotals(t).score)`.
 * @throws {MetricsError} `INVALID_INPUT` when `totals` is not `2 + 2 * maxNgramOrder` finite, non-negative numbers.
 */
export function bleuFromTotals(
  totals: ArrayLike<number>,
  options: BleuTotalsOptions = {},
): BleuScore {
  const o = resolveOptions('bleuFromTotals', options, false);
  const width = 2 + 2 * o.maxNgramOrder;
  const sums = readTotals(
    'bleuFromTotals',
    totals,
    width,
    `maxNgramOrder ${o.maxNgramOrder} needs ${width}`,
  );
  return computeBleu(sums, o, options.numRefs ?? 1);
}

/**
 * Corpus BLEU exactly as sacrebleu 2.4.3's `corpus_bleu`: n-gram statistics summed over segments, then
 * one score. References use sacrebleu's stream layout.
 * @throws {MetricsError} `EMPTY_INPUT` when there are no hypotheses or no reference streams (sacrebleu: IndexError);
 *   `LENGTH_MISMATCH` when a stream's length differs from the hypotheses' (unless `truncate`);
 *   `INVALID_INPUT` for non-strings or a hypothesis without references; `INVALID_OPTION` for unknown options.
 * @example
 * corpusBleu(['the cat sat on the mat'], [['the cat sat on the mat']]).score // 100.00000000000004
 * @see https://github.com/mjpost/sacrebleu/blob/v2.4.3/sacrebleu/metrics/bleu.py
 */
export function corpusBleu(
  hypotheses: readonly string[],
  referenceStreams: ReferenceStreams,
  options: BleuOptions = {},
): BleuScore {
  const o = resolveOptions('corpusBleu', options, false);
  const stats = statistics('corpusBleu', hypotheses, referenceStreams, options, o);
  const width = 2 + 2 * o.maxNgramOrder;
  const sum = new Array<number>(width).fill(0);
  for (const row of stats.rows)
    for (let j = 0; j < width; j++) sum[j] = (sum[j] as number) + (row[j] as number);
  return computeBleu(sum, o, stats.numRefs);
}

/**
 * Sentence BLEU as sacrebleu 2.4.3's `sentence_bleu`: one hypothesis against its references, with
 * effective order on by default. Without it, sacrebleu warns; the warning goes to `onWarning`.
 * @throws {MetricsError} `EMPTY_INPUT` when `references` is empty; `INVALID_INPUT`, `INVALID_OPTION` as {@link corpusBleu}.
 * @example sentenceBleu('the cat sat', ['the cat sat on the mat']).score // 36.78794411714425
 * @see https://github.com/mjpost/sacrebleu/blob/v2.4.3/sacrebleu/compat.py
 */
export function sentenceBleu(
  hypothesis: string,
  references: readonly string[],
  options: BleuOptions = {},
): BleuScore {
  const o = resolveOptions('sentenceBleu', options, true);
  const streams = readSentenceInput('sentenceBleu', hypothesis, references);
  if (!o.useEffectiveOrder) {
    (options.onWarning ?? warnToConsole)({
      category: 'log:sacrebleu',
      message: 'It is recommended to enable `effective_order` for sentence-level BLEU.',
    });
  }
  const stats = statistics(
    'sentenceBleu',
    [hypothesis],
    streams,
    { ...options, truncate: false },
    o,
  );
  return computeBleu(stats.rows[0] as number[], o, stats.numRefs);
}
