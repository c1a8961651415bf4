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
const MAX_CACHE_SIZE = 10000;
const MAX_SHIFT_CANDIDATES = 1000;
/** Stands for sacrebleu's int(1e16); sums of it and a few edits stay exact in int32. */
const INF = 1 << 29;

const OP_NOP = 0;
const OP_SUB = 1;
const OP_INS = 2;
const OP_DEL = 3;
const OP_UNDEF = 4;

interface Row {
  cost: Int32Array;
  op: Uint8Array;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  row: Row;
}

/** sacrebleu's `BeamEditDistance`: edit distance of hypotheses against one fixed reference, with a row cache. */
class BeamEditDistance {
  private readonly nRef: number;
  private readonly initialRow: Row;
  private readonly cache = new Map<number, TrieNode>();
  private cacheSize = 0;
  /** The rows of the last call, index i = after i hypothesis words. */
  private rows: Row[] = [];
  /** Trace of the last call (ops, in order), hypothesis rewritten into the reference. */
  trace: Uint8Array = new Uint8Array(0);
  traceLength = 0;

  constructor(private readonly ref: Int32Array) {
    this.nRef = ref.length;
    const cost = new Int32Array(this.nRef + 1);
    const op = new Uint8Array(this.nRef + 1);
    for (let j = 0; j <= this.nRef; j++) {
      cost[j] = j;
      op[j] = OP_INS;
    }
    this.initialRow = { cost, op };
  }

  /** The edit distance of `hyp`; leaves its trace in `trace`/`traceLength` when `withTrace`. */
  distance(hyp: Int32Array, withTrace: boolean): number {
    const nH = hyp.length;
    const nRef = this.nRef;
    const rows = this.rows;
    rows.length = nH + 1;
    rows[0] = this.initialRow;
    // Skip the leading words whose rows are cached.
    let start = 0;
    let map = this.cache;
    let node: TrieNode | undefined;
    while (start < nH) {
      node = map.get(hyp[start] as number);
      if (!node) break;
      start++;
      rows[start] = node.row;
      map = node.next;
    }
    const ratio = nH ? nRef / nH : 1;
    const beam = BEAM_WIDTH < ratio / 2 ? Math.ceil(ratio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    const ref = this.ref;
    for (let i = start + 1; i <= nH; i++) {
      const cost = new Int32Array(nRef + 1).fill(INF);
      const op = new Uint8Array(nRef + 1).fill(OP_UNDEF);
      const prev = rows[i - 1] as Row;
      const pc = prev.cost;
      const pseudoDiag = Math.floor(i * ratio);
      const minJ = Math.max(0, pseudoDiag - beam);
      const maxJ = i === nH ? nRef + 1 : Math.min(nRef + 1, pseudoDiag + beam);
      const word = hyp[i - 1] as number;
      for (let j = minJ; j < maxJ; j++) {
        if (j === 0) {
          cost[0] = (pc[0] as number) + 1;
          op[0] = OP_DEL;
          continue;
        }
        // Tercom's preference (ties keep the earlier): no-op/substitution, deletion, insertion.
        let best = INF;
        let bestOp = OP_UNDEF;
        const diag = (pc[j - 1] as number) + (word === ref[j - 1] ? 0 : 1);
        if (diag < best) {
          best = diag;
          bestOp = word === ref[j - 1] ? OP_NOP : OP_SUB;
        }
        const up = (pc[j] as number) + 1;
        if (up < best) {
          best = up;
          bestOp = OP_DEL;
        }
        const left = (cost[j - 1] as number) + 1;
        if (left < best) {
          best = left;
          bestOp = OP_INS;
        }
        cost[j] = best;
        op[j] = bestOp;
      }
      rows[i] = { cost, op };
    }
    // Cache the new rows (sacrebleu stops adding once the trie holds 10000 nodes).
    if (this.cacheSize < MAX_CACHE_SIZE) {
      let m = this.cache;
      for (let i = 0; i < start; i++) m = (m.get(hyp[i] as number) as TrieNode).next;
      for (let i = start; i < nH; i++) {
        const w = hyp[i] as number;
        let n = m.get(w);
        if (!n) {
          n = { next: new Map(), row: rows[i + 1] as Row };
          m.set(w, n);
          this.cacheSize++;
        }
        m = n.next;
      }
    }
    const last = rows[nH] as Row;
    if (withTrace) this.traceBack(nH);
    return last.cost[nRef] as number;
  }

  private traceBack(nH: number): void {
    const rows = this.rows;
    let i = nH;
    let j = this.nRef;
    if (this.trace.length < nH + this.nRef) this.trace = new Uint8Array((nH + this.nRef) * 2);
    const rev = this.trace;
    let len = 0;
    while (i > 0 || j > 0) {
      const op = (rows[i] as Row).op[j] as number;
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

/** sacrebleu's `_perform_shift`, with Python's clamped slices. */
function performShift(
  words: Int32Array,
  start: number,
  length: number,
  target: number,
): Int32Array {
  const n = words.length;
  const out = new Int32Array(n);
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
            const shifted = performShift(hyp, startH, length, idx);
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
              bestWords = shifted;
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
  const ed = new BeamEditDistance(ref);
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
