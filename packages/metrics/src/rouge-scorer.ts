import { MetricsError } from './errors';
import { checkOptionsObject, describeType } from './input-checks';
import { porterStem } from './porter-stemmer';
import { tokenizeWith } from './rouge-tokenize';

/** Precision, recall and F1 of one ROUGE type, as rouge-score's `Score`. */
export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

/** rouge-score's types: `rouge1`…`rouge9` (n-gram overlap), `rougeL` (LCS), `rougeLsum` (summary-level LCS). */
export type RougeType = `rouge${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}` | 'rougeL' | 'rougeLsum';

/** The four types used when none are given. */
export const DEFAULT_ROUGE_TYPES: readonly RougeType[] = [
  'rouge1',
  'rouge2',
  'rougeL',
  'rougeLsum',
];

/** Options of {@link RougeScorer}. */
export interface RougeScorerOptions {
  /** Porter-stem tokens longer than 3 characters. @defaultValue false */
  useStemmer?: boolean;
}

/** `Array.isArray` without narrowing a readonly array to `any[]`. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

/** rouge-score's `scoring.fmeasure`. */
function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0.0;
}

const ZERO: RougeScore = { precision: 0, recall: 0, fmeasure: 0 };

/** Longest-common-subsequence table of two id sequences, row-major (rows = ref + 1, cols = can + 1). */
function lcsTable(ref: Int32Array, can: Int32Array): Int32Array {
  const cols = can.length + 1;
  const t = new Int32Array((ref.length + 1) * cols);
  for (let i = 1; i <= ref.length; i++) {
    const r = ref[i - 1] as number;
    const row = i * cols;
    const up = row - cols;
    for (let j = 1; j <= can.length; j++) {
      if (r === can[j - 1]) t[row + j] = (t[up + j - 1] as number) + 1;
      else {
        const a = t[up + j] as number;
        const b = t[row + j - 1] as number;
        t[row + j] = a > b ? a : b;
      }
    }
  }
  return t;
}

/** rouge-score's `_backtrack_norec`: the ref indices of one LCS, marked in `mark`. */
function markLcs(t: Int32Array, ref: Int32Array, can: Int32Array, mark: Uint8Array): void {
  const cols = can.length + 1;
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      mark[i - 1] = 1;
      i--;
      j--;
    } else if ((t[i * cols + j - 1] as number) > (t[(i - 1) * cols + j] as number)) j--;
    else i--;
  }
}

function scoreNgrams(target: Int32Array, prediction: Int32Array, n: number): RougeScore {
  // Count n-grams by a string key of token ids; n-grams are few per summary.
  const counts = new Map<string, number>();
  let targetCount = 0;
  for (let i = 0; i + n <= target.length; i++) {
    const key =
      n === 1 ? String(target[i]) : Array.prototype.join.call(target.subarray(i, i + n), ',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
    targetCount++;
  }
  let predictionCount = 0;
  let overlap = 0;
  for (let i = 0; i + n <= prediction.length; i++) {
    const key =
      n === 1
        ? String(prediction[i])
        : Array.prototype.join.call(prediction.subarray(i, i + n), ',');
    predictionCount++;
    // min(target, prediction) per n-gram: each prediction occurrence consumes one target occurrence.
    const left = counts.get(key);
    if (left !== undefined && left > 0) {
      overlap++;
      counts.set(key, left - 1);
    }
  }
  const precision = overlap / Math.max(predictionCount, 1);
  const recall = overlap / Math.max(targetCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

function scoreLcs(target: Int32Array, prediction: Int32Array): RougeScore {
  if (target.length === 0 || prediction.length === 0) return { ...ZERO };
  const t = lcsTable(target, prediction);
  const lcs = t[t.length - 1] as number;
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** rouge-score's `_summary_level_lcs`: union LCS per reference sentence, each token counted at most once. */
function scoreSummaryLcs(refSents: Int32Array[], canSents: Int32Array[]): RougeScore {
  if (refSents.length === 0 || canSents.length === 0) return { ...ZERO };
  let m = 0;
  let n = 0;
  for (const s of refSents) m += s.length;
  for (const s of canSents) n += s.length;
  if (n === 0 || m === 0) return { ...ZERO };
  const cntR = new Map<number, number>();
  const cntC = new Map<number, number>();
  for (const s of refSents) for (const w of s) cntR.set(w, (cntR.get(w) ?? 0) + 1);
  for (const s of canSents) for (const w of s) cntC.set(w, (cntC.get(w) ?? 0) + 1);
  let hits = 0;
  for (const r of refSents) {
    const mark = new Uint8Array(r.length);
    for (const c of canSents) markLcs(lcsTable(r, c), r, c, mark);
    for (let i = 0; i < r.length; i++) {
      if (!mark[i]) continue;
      const w = r[i] as number;
      const c = cntC.get(w) ?? 0;
      const rr = cntR.get(w) ?? 0;
      if (c > 0 && rr > 0) {
        hits++;
        cntC.set(w, c - 1);
        cntR.set(w, rr - 1);
      }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

type Kind = { kind: 'n'; n: number } | { kind: 'L' } | { kind: 'Lsum' };

function parseType(type: unknown, index: number): Kind {
  // Checked first: a Symbol made the regular expression and the template below throw a bare TypeError.
  if (typeof type !== 'string') {
    throw new MetricsError(
      'INVALID_OPTION',
      `RougeScorer: rougeTypes[${index}] must be a type name string, got ${describeType(type)}`,
    );
  }
  if (type === 'rougeL') return { kind: 'L' };
  if (type === 'rougeLsum') return { kind: 'Lsum' };
  // Python's re.match(r"rouge[0-9]$"): `$` also matches before a final newline.
  if (/^rouge[0-9]\n?$/.test(type)) {
    const n = Number(type[5]);
    if (n <= 0) {
      throw new MetricsError('INVALID_OPTION', `RougeScorer: rougen requires positive n: ${type}`);
    }
    return { kind: 'n', n };
  }
  throw new MetricsError(
    'INVALID_OPTION',
    `RougeScorer: Invalid rouge type: ${type}; use rouge1 … rouge9, rougeL or rougeLsum`,
  );
}

/**
 * ROUGE as Google's rouge-score 0.1.2 `RougeScorer` computes it: its ASCII tokenizer, optional NLTK Porter
 * stemmer, n-gram overlap, LCS, and summary-level LCS over newline-separated sentences (`rougeLsum`).
 * @example
 * new RougeScorer(['rouge1', 'rougeL']).score('the cat sat', 'the cat ran').rouge1.fmeasure // 0.6666666666666666
 * @see https://github.com/google-research/google-research/blob/master/rouge/rouge_scorer.py
 */
export class RougeScorer {
  readonly rougeTypes: readonly string[];
  readonly useStemmer: boolean;
  private readonly kinds: Kind[];
  private readonly ids = new Map<string, number>();
  private readonly stemCache = new Map<string, string>();
  private readonly stem: ((word: string) => string) | null;

  /**
   * @throws {MetricsError} `INVALID_OPTION` for a type rouge-score rejects (`rouge0`: "rougen requires positive n";
   *   `rouge10`, `rougeS`: "Invalid rouge type"), for a type that is not a string, and when `options` is not an
   *   object. rouge-score raises the type errors on the first `score` call.
   */
  constructor(
    rougeTypes: readonly string[] = DEFAULT_ROUGE_TYPES,
    options: RougeScorerOptions = {},
  ) {
    if (!isList(rougeTypes)) {
      throw new MetricsError(
        'INVALID_OPTION',
        'RougeScorer: rougeTypes must be an array of type names',
      );
    }
    checkOptionsObject('RougeScorer', options);
    this.rougeTypes = [...rougeTypes];
    this.kinds = this.rougeTypes.map((t, i) => parseType(t, i));
    this.useStemmer = options.useStemmer ?? false;
    const cache = this.stemCache;
    this.stem = this.useStemmer
      ? (word) => {
          let s = cache.get(word);
          if (s === undefined) {
            s = porterStem(word);
            cache.set(word, s);
          }
          return s;
        }
      : null;
  }

  private tokenIds(text: string): Int32Array {
    const tokens = tokenizeWith(text, this.stem);
    const out = new Int32Array(tokens.length);
    const ids = this.ids;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as string;
      let id = ids.get(t);
      if (id === undefined) {
        id = ids.size;
        ids.set(t, id);
      }
      out[i] = id;
    }
    return out;
  }

  private sentences(text: string): Int32Array[] {
    // rougeLsum: sentences are the non-empty lines ("\n" only; "\r" is dropped by the tokenizer).
    return text
      .split('\n')
      .filter((s) => s.length > 0)
      .map((s) => this.tokenIds(s));
  }

  /**
   * Scores `prediction` against `target` (rouge-score's argument order: reference first).
   * @throws {MetricsError} `INVALID_INPUT` when either is not a string.
   */
  score(target: string, prediction: string): Record<string, RougeScore> {
    if (typeof target !== 'string' || typeof prediction !== 'string') {
      throw new MetricsError(
        'INVALID_INPUT',
        'RougeScorer.score: target and prediction must be strings',
      );
    }
    let targetIds: Int32Array | null = null;
    let predictionIds: Int32Array | null = null;
    const result: Record<string, RougeScore> = {};
    this.kinds.forEach((kind, k) => {
      const type = this.rougeTypes[k] as string;
      if (kind.kind === 'Lsum') {
        result[type] = scoreSummaryLcs(this.sentences(target), this.sentences(prediction));
        return;
      }
      targetIds ??= this.tokenIds(target);
      predictionIds ??= this.tokenIds(prediction);
      result[type] =
        kind.kind === 'L'
          ? scoreLcs(targetIds, predictionIds)
          : scoreNgrams(targetIds, predictionIds, kind.n);
    });
    return result;
  }

  /**
   * Scores `prediction` against each target and keeps, per type, the target with the highest F-measure (the
   * first on a tie), as rouge-score's `score_multi`.
   * @throws {MetricsError} `EMPTY_INPUT` when `targets` is empty (rouge-score: ValueError from argmax).
   */
  scoreMulti(targets: readonly string[], prediction: string): Record<string, RougeScore> {
    if (!isList(targets) || targets.length === 0) {
      throw new MetricsError(
        'EMPTY_INPUT',
        'RougeScorer.scoreMulti: targets must be a non-empty array of strings',
      );
    }
    const all = targets.map((t) => this.score(t, prediction));
    const result: Record<string, RougeScore> = {};
    for (const type of this.rougeTypes) {
      let best = all[0]?.[type] as RougeScore;
      for (const s of all) {
        const cand = s[type] as RougeScore;
        if (cand.fmeasure > best.fmeasure) best = cand;
      }
      result[type] = best;
    }
    return result;
  }
}
