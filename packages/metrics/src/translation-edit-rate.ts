/**
 * The edit count of TER as sacrebleu 2.4.3's `lib_ter.translation_edit_rate` computes it: greedy block
 * shifts chosen with Tercom's ranking and limits (shift size 10, distance 50, 1000 candidates in all), each
 * scored by a beam-limited Levenshtein distance (beam 25 around the length-ratio diagonal) whose rows are
 * cached in a prefix trie. Words are integer ids and rows are typed arrays; the decisions are sacrebleu's,
 * step for step, so the counts are identical.
 * @see https://github.com/mjpost/sacrebleu/blob/v2.4.3/sacrebleu/metrics/lib_ter.py
 * @internal
 */

const MAX_SHIFT_SIZE = 10;
const MAX_SHIFT_DIST = 50;
const BEAM_WIDTH = 25;
const MAX_SHIFT_CANDIDATES = 1000;
/** Stands for sacrebleu's int(1e16); sums of it and a few edits stay exact in int32. */
const INF = 1 << 29;

const OP_NOP = 0;
const OP_SUB = 1;
const OP_INS = 2;
const OP_DEL = 3;
const OP_UNDEF = 4;

/**
 * sacrebleu's `BeamEditDistance` for hypotheses of one length against one reference. sacrebleu caches
 * matrix rows in a prefix trie; a row depends only on the hypothesis prefix, so any cache gives the same
 * numbers. Here the matrix of the last hypothesis is kept and only the rows after its common prefix with
 * the next one are recomputed. Every row's beam window depends only on the row index (all hypotheses have
 * the same length), so cells outside it stay at infinity from the initial fill.
 */
class BeamEditDistance {
  private readonly nRef: number;
  private readonly nH: number;
  private readonly width: number;
  private readonly cost: Int32Array;
  private readonly op: Uint8Array;
  private readonly minJ: Int32Array;
  private readonly maxJ: Int32Array;
  /** The hypothesis whose rows are in the matrix, and how many of its rows are valid. */
  private readonly words: Int32Array;
  private valid = 0;
  /** Trace of the last traced call (ops, in order), hypothesis rewritten into the reference. */
  trace: Uint8Array;
  traceLength = 0;

  constructor(
    private readonly ref: Int32Array,
    nH: number,
  ) {
    const nRef = ref.length;
    this.nRef = nRef;
    this.nH = nH;
    this.width = nRef + 1;
    this.cost = new Int32Array((nH + 1) * this.width).fill(INF);
    this.op = new Uint8Array((nH + 1) * this.width).fill(OP_UNDEF);
    for (let j = 0; j <= nRef; j++) {
      this.cost[j] = j;
      this.op[j] = OP_INS;
    }
    const ratio = nH ? nRef / nH : 1;
    const beam = BEAM_WIDTH < ratio / 2 ? Math.ceil(ratio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    this.minJ = new Int32Array(nH + 1);
    this.maxJ = new Int32Array(nH + 1);
    for (let i = 1; i <= nH; i++) {
      const pseudoDiag = Math.floor(i * ratio);
      this.minJ[i] = Math.max(0, pseudoDiag - beam);
      this.maxJ[i] = i === nH ? nRef + 1 : Math.min(nRef + 1, pseudoDiag + beam);
    }
    this.words = new Int32Array(nH);
    this.trace = new Uint8Array(nH + nRef);
  }

  /** The edit distance of `hyp` (of the constructor's length); with `withTrace`, its trace too. */
  distance(hyp: Int32Array, withTrace: boolean): number {
    const nH = this.nH;
    const words = this.words;
    let start = 0;
    const limit = this.valid;
    while (start < limit && words[start] === hyp[start]) start++;
    const width = this.width;
    const cost = this.cost;
    const op = this.op;
    const ref = this.ref;
    for (let i = start + 1; i <= nH; i++) {
      const word = hyp[i - 1] as number;
      words[i - 1] = word;
      const row = i * width;
      const prev = row - width;
      const minJ = this.minJ[i] as number;
      const maxJ = this.maxJ[i] as number;
      let j = minJ;
      if (j === 0) {
        cost[row] = (cost[prev] as number) + 1;
        op[row] = OP_DEL;
        j = 1;
      }
      for (; j < maxJ; j++) {
        // Tercom's preference (ties keep the earlier): no-op/substitution, deletion, insertion.
        const same = word === ref[j - 1];
        let best = (cost[prev + j - 1] as number) + (same ? 0 : 1);
        let bestOp = same ? OP_NOP : OP_SUB;
        const up = (cost[prev + j] as number) + 1;
        if (up < best) {
          best = up;
          bestOp = OP_DEL;
        }
        const left = (cost[row + j - 1] as number) + 1;
        if (left < best) {
          best = left;
          bestOp = OP_INS;
        }
        // sacrebleu starts every cell at infinity and only takes strictly smaller costs.
        if (best < INF) {
          cost[row + j] = best;
          op[row + j] = bestOp;
        } else {
          cost[row + j] = INF;
          op[row + j] = OP_UNDEF;
        }
      }
    }
    this.valid = nH;
    if (withTrace) this.traceBack();
    return cost[nH * width + this.nRef] as number;
  }

  private traceBack(): void {
    const width = this.width;
    let i = this.nH;
    let j = this.nRef;
    const rev = this.trace;
    let len = 0;
    while (i > 0 || j > 0) {
      const op = this.op[i * width + j] as number;
      rev[len++] = op;
      if (op === OP_SUB || op === OP_NOP) {
        i--;
        j--;
      } else if (op === OP_INS) {
        j--;
      } else if (op === OP_DEL) {
        i--;
      } else {
        throw new Error(`translationEditRate: undefined edit operation at (${i}, ${j})`);
      }
    }
    rev.subarray(0, len).reverse();
    this.traceLength = len;
  }
}

/** Python's `words[a:b]` bounds. */
function clamp(x: number, n: number): number {
  return x < 0 ? 0 : x > n ? n : x;
}

/** sacrebleu's `_perform_shift` into `out` (same length as `words`), with Python's clamped slices. */
function performShift(
  words: Int32Array,
  start: number,
  length: number,
  target: number,
  out: Int32Array,
): Int32Array {
  const n = words.length;
  let at = 0;
  const copy = (a: number, b: number): void => {
    const lo = clamp(a, n);
    const hi = clamp(b, n);
    if (hi > lo) {
      out.set(words.subarray(lo, hi), at);
      at += hi - lo;
    }
  };
  if (target < start) {
    copy(0, target);
    copy(start, start + length);
    copy(target, start);
    copy(start + length, n);
  } else if (target > start + length) {
    copy(0, start);
    copy(start + length, target);
    copy(start, start + length);
    copy(target, n);
  } else {
    copy(0, start);
    copy(start + length, length + target);
    copy(start, start + length);
    copy(length + target, n);
  }
  return out;
}

/**
 * One round of sacrebleu's `_shift`: the best shift of `hyp` (highest gain, then longest, then earliest
 * start, then earliest target) and the running candidate count.
 */
function bestShift(
  hyp: Int32Array,
  ref: Int32Array,
  ed: BeamEditDistance,
  checked: number,
): { delta: number; words: Int32Array; checked: number } {
  const nH = hyp.length;
  const nRef = ref.length;
  const preScore = ed.distance(hyp, true);
  // Flip the trace (rewrite the reference into the hypothesis) and align, as trace_to_alignment.
  const align = new Int32Array(nRef);
  const hypErrSum = new Int32Array(nH + 1);
  const refErrSum = new Int32Array(nRef + 1);
  let posHyp = -1;
  let posRef = -1;
  const trace = ed.trace;
  for (let t = 0; t < ed.traceLength; t++) {
    const op = trace[t] as number;
    if (op === OP_NOP || op === OP_SUB) {
      posHyp++;
      posRef++;
      align[posRef] = posHyp;
      const e = op === OP_SUB ? 1 : 0;
      hypErrSum[posHyp + 1] = (hypErrSum[posHyp] as number) + e;
      refErrSum[posRef + 1] = (refErrSum[posRef] as number) + e;
    } else if (op === OP_DEL) {
      // A deletion from the hypothesis becomes an insertion into it after the flip.
      posHyp++;
      hypErrSum[posHyp + 1] = (hypErrSum[posHyp] as number) + 1;
    } else {
      posRef++;
      align[posRef] = posHyp;
      refErrSum[posRef + 1] = (refErrSum[posRef] as number) + 1;
    }
  }

  let bestDelta = 0;
  let bestLength = 0;
  let bestStart = 0;
  let bestIdx = 0;
  let bestWords: Int32Array | null = null;
  const scratch = new Int32Array(nH);
  outer: for (let startH = 0; startH < nH; startH++) {
    for (let startR = 0; startR < nRef; startR++) {
      if (Math.abs(startR - startH) > MAX_SHIFT_DIST) continue;
      let length = 0;
      while (hyp[startH + length] === ref[startR + length] && length < MAX_SHIFT_SIZE) {
        length++;
        // Candidate (startH, startR, length): skip unless both sides hold errors there.
        const hypErr = (hypErrSum[startH + length] as number) - (hypErrSum[startH] as number);
        const refErr = (refErrSum[startR + length] as number) - (refErrSum[startR] as number);
        const a = align[startR] as number;
        if (hypErr !== 0 && refErr !== 0 && !(startH <= a && a < startH + length)) {
          let prevIdx = -1;
          for (let offset = -1; offset < length; offset++) {
            let idx: number;
            if (startR + offset === -1) idx = 0;
            else if (startR + offset < nRef) idx = (align[startR + offset] as number) + 1;
            else break;
            if (idx === prevIdx) continue;
            prevIdx = idx;
            const shifted = performShift(hyp, startH, length, idx, scratch);
            const delta = preScore - ed.distance(shifted, false);
            checked++;
            // Python compares the tuples (delta, length, -start, -idx) and keeps the first of equals.
            if (
              bestWords === null ||
              delta > bestDelta ||
              (delta === bestDelta &&
                (length > bestLength ||
                  (length === bestLength &&
                    (startH < bestStart || (startH === bestStart && idx < bestIdx)))))
            ) {
              bestDelta = delta;
              bestLength = length;
              bestStart = startH;
              bestIdx = idx;
              bestWords ??= new Int32Array(nH);
              bestWords.set(shifted);
            }
          }
          if (checked >= MAX_SHIFT_CANDIDATES) break outer;
        }
        if (nH === startH + length || nRef === startR + length) break;
      }
    }
  }
  if (bestWords === null) return { delta: 0, words: hyp, checked };
  return { delta: bestDelta, words: bestWords, checked };
}

/**
 * TER's edit count of `hyp` against `ref` (word ids): shifts plus the final edit distance. An empty reference
 * gives `hyp.length` edits, as sacrebleu's special case.
 */
export function translationEditRate(hyp: Int32Array, ref: Int32Array): number {
  if (ref.length === 0) return hyp.length;
  const ed = new BeamEditDistance(ref, hyp.length);
  let shifts = 0;
  let words = hyp;
  let checked = 0;
  for (;;) {
    const r = bestShift(words, ref, ed, checked);
    checked = r.checked;
    if (checked >= MAX_SHIFT_CANDIDATES) break;
    if (r.delta <= 0) break;
    shifts++;
    words = r.words;
  }
  return shifts + ed.distance(words, false);
}
