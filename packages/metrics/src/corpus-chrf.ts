import { MetricsError } from './errors';
import { checkOptionsObject, readTotals } from './input-checks';
import { MAX_NGRAM_ORDER, SegmentNgramTable, TokenVocab } from './ngram-interner';
import { isPyWhitespace, pySplit } from './python-text';
import { pyFormatFixed } from './python-format';
import { readCorpusInput, readSentenceInput, SACREBLEU_VERSION } from './sacrebleu-input';
import type { ReferenceStreams } from './sacrebleu-input';

/** Options of {@link corpusChrf} and {@link sentenceChrf}; names follow sacrebleu's `CHRF`. */
export interface ChrfOptions {
  /** Character n-gram order. @defaultValue 6 */
  charOrder?: number;
  /** Word n-gram order; 2 gives chrF++. @defaultValue 0 */
  wordOrder?: number;
  /** Weight of recall against precision. @defaultValue 2 */
  beta?: number;
  /** Lowercase first (Python's `str.lower()`). @defaultValue false */
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams. @defaultValue false */
  whitespace?: boolean;
  /** chrF++.py-style epsilon smoothing instead of sacrebleu's effective-order averaging. @defaultValue false */
  epsSmoothing?: boolean;
  /** Score only the common prefix when streams differ in length, as sacrebleu's `zip` does. @defaultValue false */
  truncate?: boolean;
}

/** A chrF / chrF++ result. */
export interface ChrfScore {
  /** chrF in [0, 100], unrounded. */
  score: number;
  /** sacrebleu's `str(score)`, e.g. `chrF2++ = 61.32`. */
  formatted: string;
  /** sacrebleu's signature, e.g. `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.4.3`. */
  signature: string;
}

/**
 * Per-segment sufficient statistics of chrF: each row holds `[hyp, ref, match]` counts per order (character
 * orders first, then word orders), for the best reference of that segment. Summing rows and calling
 * {@link chrfFromStatistics} gives the corpus score.
 */
export interface ChrfStatistics {
  charOrder: number;
  wordOrder: number;
  numRefs: number | 'var';
  rows: number[][];
}

interface ResolvedChrfOptions {
  charOrder: number;
  wordOrder: number;
  beta: number;
  lowercase: boolean;
  whitespace: boolean;
  epsSmoothing: boolean;
}

function resolveOptions(caller: string, options: ChrfOptions): ResolvedChrfOptions {
  checkOptionsObject(caller, options);
  const charOrder = options.charOrder ?? 6;
  const wordOrder = options.wordOrder ?? 0;
  const beta = options.beta ?? 2;
  if (!Number.isInteger(charOrder) || charOrder < 0 || charOrder > MAX_NGRAM_ORDER) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${caller}: charOrder must be an integer from 0 to ${MAX_NGRAM_ORDER}, got ${String(charOrder)}`,
    );
  }
  if (!Number.isInteger(wordOrder) || wordOrder < 0 || wordOrder > MAX_NGRAM_ORDER) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${caller}: wordOrder must be an integer from 0 to ${MAX_NGRAM_ORDER}, got ${String(wordOrder)}`,
    );
  }
  if (charOrder + wordOrder === 0) {
    throw new MetricsError('INVALID_OPTION', `${caller}: charOrder + wordOrder must be at least 1`);
  }
  if (typeof beta !== 'number' || Number.isNaN(beta) || beta < 0) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${caller}: beta must be a non-negative number, got ${String(beta)}`,
    );
  }
  return {
    charOrder,
    wordOrder,
    beta,
    lowercase: options.lowercase ?? false,
    whitespace: options.whitespace ?? false,
    epsSmoothing: options.epsSmoothing ?? false,
  };
}

/** sacrebleu's `string.punctuation` set for chrF++'s word splitter. */
function isAsciiPunct(code: number): boolean {
  return (
    (code >= 0x21 && code <= 0x2f) ||
    (code >= 0x3a && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}

/** sacrebleu's `CHRF._remove_punctuation`: split off one punctuation mark at the end, else at the start. */
function chrfWords(sentence: string): string[] {
  const out: string[] = [];
  for (const w of pySplit(sentence)) {
    // Python's len(w) == 1 counts code points; a lone astral character is never punctuation anyway.
    if (w.length === 1) out.push(w);
    else if (isAsciiPunct(w.charCodeAt(w.length - 1))) out.push(w.slice(0, -1), w.slice(-1));
    else if (isAsciiPunct(w.charCodeAt(0))) out.push(w.slice(0, 1), w.slice(1));
    else out.push(w);
  }
  return out;
}

/** Word token ids live above the code point range so both kinds share one interner. */
const WORD_BASE = 0x110000;

/** The n-gram ids of one segment, per order, laid out `[order][position]`. */
interface SegmentGrams {
  /** ids of order k start at `offsets[k]` and there are `lengths[k]` of them. */
  ids: Int32Array;
  offsets: Int32Array;
  lengths: Int32Array;
}

class ChrfCounter {
  private readonly vocab = new TokenVocab();
  private readonly table = new SegmentNgramTable(1 << 12);
  private readonly order: number;

  constructor(
    private readonly o: ResolvedChrfOptions,
    private readonly caller: string,
  ) {
    this.order = o.charOrder + o.wordOrder;
  }

  /** First-order ids of BMP code points, valid while `bmpStamp[cp]` is the table's current stamp. */
  private readonly bmpId = new Int32Array(0x10000);
  private readonly bmpStamp = new Int32Array(0x10000);
  private cps = new Int32Array(256);

  /**
   * N-gram ids of `tokens` for orders 1..maxOrder into `ids` at `at` (order k at `at + k * n + position`).
   * With `lookupOnly` (the hypothesis, after the references), n-grams no reference has get id 0, and a
   * chain stops at the first one: no longer n-gram starting there can be in a reference either.
   */
  private chain(
    tokens: Int32Array,
    n: number,
    maxOrder: number,
    ids: Int32Array,
    offsets: Int32Array,
    lengths: Int32Array,
    first: number,
    at: number,
    chars: boolean,
    lookupOnly: boolean,
  ): number {
    const table = this.table;
    const stamp = table.stamp;
    const bmpId = this.bmpId;
    const bmpStamp = this.bmpStamp;
    for (let k = 0; k < maxOrder; k++) {
      offsets[first + k] = at + k * n;
      lengths[first + k] = n - k > 0 ? n - k : 0;
    }
    for (let p = 0; p < n; p++) {
      const maxK = maxOrder < n - p ? maxOrder : n - p;
      if (maxK === 0) continue;
      const t0 = tokens[p] as number;
      let prev: number;
      if (chars && t0 < 0x10000) {
        if (bmpStamp[t0] === stamp) prev = bmpId[t0] as number;
        else if (lookupOnly) prev = 0;
        else {
          prev = table.newId();
          bmpId[t0] = prev;
          bmpStamp[t0] = stamp;
        }
      } else {
        prev = lookupOnly ? table.lookup(0, t0) : table.intern(0, t0);
      }
      ids[at + p] = prev;
      let k = 1;
      for (; k < maxK && prev !== 0; k++) {
        const t = tokens[p + k] as number;
        prev = lookupOnly ? table.lookup(prev, t) : table.intern(prev, t);
        ids[at + k * n + p] = prev;
      }
      for (; k < maxK; k++) ids[at + k * n + p] = 0;
    }
    return at + maxOrder * n;
  }

  grams(sentence: string, lookupOnly: boolean): SegmentGrams {
    const o = this.o;
    if (this.cps.length < sentence.length) this.cps = new Int32Array(sentence.length * 2);
    const cps = this.cps;
    let nc = 0;
    const keepSpace = o.whitespace;
    for (let i = 0; i < sentence.length; i++) {
      const c = sentence.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < sentence.length) {
        const d = sentence.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          cps[nc++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          i++;
          continue;
        }
      }
      // Without `whitespace`, sacrebleu drops every character Python's str.split() splits on.
      if (!keepSpace && isPyWhitespace(c)) continue;
      cps[nc++] = c;
    }
    let wordTokens = new Int32Array(0);
    if (o.wordOrder > 0) {
      const words = chrfWords(sentence);
      wordTokens = new Int32Array(words.length);
      for (let i = 0; i < words.length; i++)
        wordTokens[i] = WORD_BASE + this.vocab.id(words[i] as string);
    }
    const ids = new Int32Array(o.charOrder * nc + o.wordOrder * wordTokens.length);
    const offsets = new Int32Array(this.order);
    const lengths = new Int32Array(this.order);
    const at = this.chain(cps, nc, o.charOrder, ids, offsets, lengths, 0, 0, true, lookupOnly);
    this.chain(
      wordTokens,
      wordTokens.length,
      o.wordOrder,
      ids,
      offsets,
      lengths,
      o.charOrder,
      at,
      false,
      lookupOnly,
    );
    return { ids, offsets, lengths };
  }

  /** Best-reference `[hyp, ref, match]` triplets for one segment, as sacrebleu's `_compute_segment_statistics`. */
  segment(hypText: string, refTexts: readonly string[]): number[] {
    // A text of L code units has at most L - k + 1 n-grams of order k, none above order L: bounding each
    // order by the length keeps a high order on short texts from sizing the table by order × length.
    const { charOrder, wordOrder } = this.o;
    const idsOf = (t: string): number =>
      (Math.min(charOrder, t.length) + Math.min(wordOrder, t.length)) * (t.length + 1);
    let bound = idsOf(hypText);
    for (const r of refTexts) bound += idsOf(r);
    this.table.reset(bound, this.caller);
    // References first: the hypothesis then only looks n-grams up (one a reference lacks cannot match).
    const refs = refTexts.map((r) => this.grams(r, false));
    const hyp = this.grams(hypText, true);
    const order = this.order;
    const hc = this.table.countsA;
    for (let k = 0; k < order; k++) countOrder(hc, hyp, k);
    let best: number[] = [];
    let bestF = -1.0;
    for (const ref of refs) {
      const rc = this.table.countsB;
      const stats = new Array<number>(3 * order);
      for (let k = 0; k < order; k++) {
        const rLen = ref.lengths[k] as number;
        countOrder(rc, ref, k);
        const hOff = hyp.offsets[k] as number;
        const hLen = hyp.lengths[k] as number;
        let match = 0;
        // Visit each distinct hypothesis n-gram once: flip its count negative, then flip back below.
        for (let p = 0; p < hLen; p++) {
          const id = hyp.ids[hOff + p] as number;
          const c = hc[id] as number;
          if (c <= 0) continue;
          const r = rc[id] as number;
          match += c < r ? c : r;
          hc[id] = -c;
        }
        for (let p = 0; p < hLen; p++) {
          const id = hyp.ids[hOff + p] as number;
          const c = hc[id] as number;
          if (c < 0) hc[id] = -c;
        }
        clearOrder(rc, ref, k);
        // "Don't count hits if no reference exists for that n-gram": an empty reference order zeroes hyp.
        stats[3 * k] = rLen > 0 ? hLen : 0;
        stats[3 * k + 1] = rLen;
        stats[3 * k + 2] = match;
      }
      const f = fScore(stats, this.o);
      if (f > bestF) {
        bestF = f;
        best = stats;
      }
    }
    for (let k = 0; k < order; k++) clearOrder(hc, hyp, k);
    return best;
  }
}

/** Adds one to the count of each n-gram of order `k` in `grams`. */
function countOrder(counts: Int32Array, grams: SegmentGrams, k: number): void {
  const end = (grams.offsets[k] as number) + (grams.lengths[k] as number);
  for (let p = grams.offsets[k] as number; p < end; p++) {
    const id = grams.ids[p] as number;
    counts[id] = (counts[id] as number) + 1;
  }
}

/** Zeroes the counts of the n-grams of order `k` in `grams`, leaving the table clean for the next segment. */
function clearOrder(counts: Int32Array, grams: SegmentGrams, k: number): void {
  const end = (grams.offsets[k] as number) + (grams.lengths[k] as number);
  for (let p = grams.offsets[k] as number; p < end; p++) counts[grams.ids[p] as number] = 0;
}

/** sacrebleu's `CHRF._compute_f_score`, in its order of operations. */
function fScore(stats: readonly number[], o: ResolvedChrfOptions): number {
  const eps = 1e-16;
  const order = o.charOrder + o.wordOrder;
  const factor = o.beta ** 2;
  let score = 0.0;
  let effectiveOrder = 0;
  let avgPrec = 0.0;
  let avgRec = 0.0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i] as number;
    const nRef = stats[3 * i + 1] as number;
    const nMatch = stats[3 * i + 2] as number;
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder += 1;
    }
  }
  if (o.epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) {
    avgPrec = avgRec = 0.0;
  } else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec) {
    let s = (1 + factor) * avgPrec * avgRec;
    s /= factor * avgPrec + avgRec;
    return 100 * s;
  }
  return 0.0;
}

function scoreOf(
  stats: readonly number[],
  o: ResolvedChrfOptions,
  numRefs: number | 'var',
): ChrfScore {
  const score = fScore(stats, o);
  return {
    score,
    formatted: `chrF${o.beta}${'+'.repeat(o.wordOrder)} = ${pyFormatFixed(score, 2)}`,
    signature:
      `nrefs:${numRefs}|case:${o.lowercase ? 'lc' : 'mixed'}|eff:${o.epsSmoothing ? 'no' : 'yes'}` +
      `|nc:${o.charOrder}|nw:${o.wordOrder}|space:${o.whitespace ? 'yes' : 'no'}|version:${SACREBLEU_VERSION}`,
  };
}

function statistics(
  caller: string,
  hypotheses: readonly string[],
  referenceStreams: ReferenceStreams,
  options: ChrfOptions,
  o: ResolvedChrfOptions,
): ChrfStatistics {
  const input = readCorpusInput(caller, hypotheses, referenceStreams, options.truncate ?? false);
  const counter = new ChrfCounter(o, caller);
  const prep = (s: string): string => (o.lowercase ? s.toLowerCase() : s);
  const rows = new Array<number[]>(input.hypotheses.length);
  for (let i = 0; i < input.hypotheses.length; i++) {
    const refs = (input.references[i] as string[]).map(prep);
    rows[i] = counter.segment(prep(input.hypotheses[i] as string), refs);
  }
  return { charOrder: o.charOrder, wordOrder: o.wordOrder, numRefs: input.numRefs, rows };
}

/**
 * Per-segment chrF statistics for resampling tests; see {@link ChrfStatistics}.
 * @throws {MetricsError} as {@link corpusChrf}.
 */
export function chrfStatistics(
  hypotheses: readonly string[],
  referenceStreams: ReferenceStreams,
  options: ChrfOptions = {},
): ChrfStatistics {
  const o = resolveOptions('chrfStatistics', options);
  return statistics('chrfStatistics', hypotheses, referenceStreams, options, o);
}

/**
 * Corpus chrF from per-segment statistics (all rows, or those named by `indices`, repeats allowed).
 * @throws {MetricsError} `INVALID_INPUT` when a row has the wrong width.
 */
export function chrfFromStatistics(
  statistics: ChrfStatistics,
  options: Pick<ChrfOptions, 'beta' | 'lowercase' | 'whitespace' | 'epsSmoothing'> = {},
  indices?: readonly number[],
): ChrfScore {
  const o = resolveOptions('chrfFromStatistics', {
    ...options,
    charOrder: statistics.charOrder,
    wordOrder: statistics.wordOrder,
  });
  const width = 3 * (o.charOrder + o.wordOrder);
  const sum = new Array<number>(width).fill(0);
  const take = (row: readonly number[] | undefined, at: number): void => {
    if (!row || row.length !== width) {
      throw new MetricsError(
        'INVALID_INPUT',
        `chrfFromStatistics: rows[${at}] must hold ${width} numbers`,
      );
    }
    for (let j = 0; j < width; j++) sum[j] = (sum[j] as number) + (row[j] as number);
  };
  if (indices) for (const i of indices) take(statistics.rows[i], i);
  else statistics.rows.forEach((row, i) => take(row, i));
  return scoreOf(sum, o, statistics.numRefs);
}

/** Options of {@link chrfFromTotals}: the scoring options plus the signature's reference count. */
export type ChrfTotalsOptions = Pick<
  ChrfOptions,
  'charOrder' | 'wordOrder' | 'beta' | 'lowercase' | 'whitespace' | 'epsSmoothing'
> & {
  /** The signature's `nrefs`. @defaultValue 1 */
  numRefs?: number | 'var';
};

/**
 * chrF from column sums of {@link ChrfStatistics} rows, as sacrebleu's `_compute_score_from_stats`: the `score`
 * callback of the resampling tests, e.g. `bootstrapConfidenceInterval(s.rows, (t) => chrfFromTotals(t).score)`.
 * @throws {MetricsError} `INVALID_INPUT` when `totals` is not `3 * (charOrder + wordOrder)` finite, non-negative numbers.
 */
export function chrfFromTotals(
  totals: ArrayLike<number>,
  options: ChrfTotalsOptions = {},
): ChrfScore {
  const o = resolveOptions('chrfFromTotals', options);
  const width = 3 * (o.charOrder + o.wordOrder);
  const sums = readTotals(
    'chrfFromTotals',
    totals,
    width,
    `charOrder + wordOrder = ${o.charOrder + o.wordOrder} needs ${width}`,
  );
  return scoreOf(sums, o, options.numRefs ?? 1);
}

/**
 * Corpus chrF / chrF++ exactly as sacrebleu 2.4.3's `corpus_chrf`: per segment the statistics of the
 * reference with the best F score, summed over the corpus, then one F-beta over the averaged orders.
 * @throws {MetricsError} `EMPTY_INPUT` for no hypotheses or streams (sacrebleu: IndexError); `LENGTH_MISMATCH`;
 *   `INVALID_INPUT`; `INVALID_OPTION` for bad orders or beta.
 * @example corpusChrf(['the cat sat'], [['the cat sat']]).score // 100
 * @see https://github.com/mjpost/sacrebleu/blob/v2.4.3/sacrebleu/metrics/chrf.py
 */
export function corpusChrf(
  hypotheses: readonly string[],
  referenceStreams: ReferenceStreams,
  options: ChrfOptions = {},
): ChrfScore {
  const o = resolveOptions('corpusChrf', options);
  const stats = statistics('corpusChrf', hypotheses, referenceStreams, options, o);
  const width = 3 * (o.charOrder + o.wordOrder);
  const sum = new Array<number>(width).fill(0);
  for (const row of stats.rows)
    for (let j = 0; j < width; j++) sum[j] = (sum[j] as number) + (row[j] as number);
  return scoreOf(sum, o, stats.numRefs);
}

/**
 * Sentence chrF / chrF++ as sacrebleu 2.4.3's `sentence_chrf`.
 * @throws {MetricsError} `EMPTY_INPUT` when `references` is empty; `INVALID_INPUT`; `INVALID_OPTION`.
 * @example sentenceChrf('the cat', ['the cat sat'], { wordOrder: 2 }).formatted // 'chrF2++ = 57.76'
 * @see https://github.com/mjpost/sacrebleu/blob/v2.4.3/sacrebleu/metrics/chrf.py
 */
export function sentenceChrf(
  hypothesis: string,
  references: readonly string[],
  options: ChrfOptions = {},
): ChrfScore {
  const o = resolveOptions('sentenceChrf', options);
  const streams = readSentenceInput('sentenceChrf', hypothesis, references);
  const stats = statistics('sentenceChrf', [hypothesis], streams, {}, o);
  return scoreOf(stats.rows[0] as number[], o, stats.numRefs);
}
