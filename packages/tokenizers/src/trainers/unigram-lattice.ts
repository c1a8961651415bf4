/**
 * The Unigram language model as training sees it: pieces with log probabilities, a code point trie for prefix
 * search, and the lattice algorithms (Viterbi, 2-best, forward-backward) Hugging Face's trainer runs.
 * @see https://github.com/huggingface/tokenizers/blob/main/tokenizers/src/models/unigram/lattice.rs
 */
export class TrainingUnigram {
  readonly pieces: readonly (readonly [string, number])[];
  readonly minScore: number;
  // Trie edges in one map keyed by `node * 0x110000 + code point` (one lookup per step, no per-node maps).
  private readonly edges = new Map<number, number>();
  private readonly terminal: number[] = [-1];
  private readonly scoreOf: Float64Array;

  /** `pieces[0]` is the unknown piece (id 0) used for characters no piece covers. */
  constructor(pieces: readonly (readonly [string, number])[]) {
    this.pieces = pieces;
    this.scoreOf = Float64Array.from(pieces, ([, score]) => score);
    let min = Infinity;
    pieces.forEach(([piece, score], id) => {
      if (score < min) min = score;
      // The unknown piece is never matched by its text (Hugging Face would meet a NaN score there).
      if (id === 0) return;
      let node = 0;
      for (const ch of piece) {
        const key = node * 0x110000 + (ch.codePointAt(0) as number);
        let next = this.edges.get(key);
        if (next === undefined) {
          next = this.terminal.length;
          this.terminal.push(-1);
          this.edges.set(key, next);
        }
        node = next;
      }
      this.terminal[node] = id;
    });
    this.minScore = min;
  }

  private buf: Lattice = emptyLattice(64);

  /**
   * Lattice nodes of `cps`, grouped by begin position: for each begin, matching pieces shortest first, then the
   * unknown piece when no single-character piece matched. With `reuse`, the returned lattice shares buffers that
   * the next `reuse` call overwrites (the training loops use one lattice at a time).
   */
  lattice(cps: Int32Array, reuse = false): Lattice {
    let l = reuse ? this.buf : emptyLattice(cps.length * 2 + 4);
    const unkScore = this.minScore - 10;
    const n = cps.length;
    const edges = this.edges;
    let count = 0;
    for (let b = 0; b < n; b++) {
      let node = 0;
      let single = false;
      for (let e = b; e < n; e++) {
        const next = edges.get(node * 0x110000 + (cps[e] as number));
        if (next === undefined) break;
        node = next;
        const id = this.terminal[node] as number;
        if (id >= 0) {
          if (count === l.ids.length) l = growLattice(l);
          l.begin[count] = b;
          l.end[count] = e + 1;
          l.ids[count] = id;
          l.scores[count] = this.scoreOf[id] as number;
          count++;
          if (e === b) single = true;
        }
      }
      if (!single) {
        if (count === l.ids.length) l = growLattice(l);
        l.begin[count] = b;
        l.end[count] = b + 1;
        l.ids[count] = 0;
        l.scores[count] = unkScore;
        count++;
      }
    }
    l.length = n;
    l.count = count;
    if (reuse) this.buf = l;
    return l;
  }
}

function emptyLattice(capacity: number): Lattice {
  return {
    length: 0,
    count: 0,
    begin: new Int32Array(capacity),
    end: new Int32Array(capacity),
    ids: new Int32Array(capacity),
    scores: new Float64Array(capacity),
  };
}

function growLattice(l: Lattice): Lattice {
  const bigger = emptyLattice(l.ids.length * 2);
  bigger.begin.set(l.begin);
  bigger.end.set(l.end);
  bigger.ids.set(l.ids);
  bigger.scores.set(l.scores);
  return bigger;
}

/** Nodes of one sentence's lattice, in insertion order (begin ascending, then length ascending). */
export interface Lattice {
  /** Sentence length in code points. */
  length: number;
  /** Number of nodes (the arrays may be longer). */
  count: number;
  begin: Int32Array;
  end: Int32Array;
  ids: Int32Array;
  scores: Float64Array;
}

function logSumExp(x: number, y: number): number {
  const vmin = x > y ? y : x;
  const vmax = x > y ? x : y;
  return vmax > vmin + 50 ? vmax : vmax + Math.log(Math.exp(vmin - vmax) + 1);
}

/** Node indices grouped by end position, in insertion order. */
function byEnd(l: Lattice): number[][] {
  const groups: number[][] = Array.from({ length: l.length + 1 }, () => []);
  for (let k = 0; k < l.count; k++) (groups[l.end[k] as number] as number[]).push(k);
  return groups;
}

/**
 * Best segmentation (piece ids), ties going to the node inserted first, as Hugging Face's `Lattice::viterbi`.
 */
export function viterbi(l: Lattice): number[] {
  const ends = byEnd(l);
  const nodes = l.count;
  const best = new Float64Array(nodes);
  const prev = new Int32Array(nodes).fill(-1);
  for (let k = 0; k < nodes; k++) {
    const b = l.begin[k] as number;
    const s = l.scores[k] as number;
    if (b === 0) {
      best[k] = s;
      continue;
    }
    let bestScore = 0;
    let bestNode = -1;
    for (const j of ends[b] as number[]) {
      const score = (best[j] as number) + s;
      if (bestNode === -1 || score > bestScore) {
        bestScore = score;
        bestNode = j;
      }
    }
    best[k] = bestScore;
    prev[k] = bestNode;
  }
  let bestScore = 0;
  let node = -1;
  for (const j of ends[l.length] as number[]) {
    const score = best[j] as number;
    if (node === -1 || score > bestScore) {
      bestScore = score;
      node = j;
    }
  }
  const path: number[] = [];
  while (node !== -1) {
    path.push(l.ids[node] as number);
    node = prev[node] as number;
  }
  return path.reverse();
}

/**
 * The two best segmentations (piece ids), best first; one when the lattice has a single path. Scores are exact;
 * the order among equal-scoring paths may differ from Hugging Face's A* search.
 */
export function twoBest(l: Lattice): number[][] {
  const ends = byEnd(l);
  const nodes = l.count;
  // Per node, up to two (score, previous node, previous rank) hypotheses.
  const score = new Float64Array(nodes * 2).fill(-Infinity);
  const prevNode = new Int32Array(nodes * 2).fill(-1);
  const prevRank = new Int32Array(nodes * 2).fill(-1);
  const count = new Int32Array(nodes);
  const offer = (k: number, s: number, pn: number, pr: number): void => {
    const c = count[k] as number;
    const at = k * 2;
    if (c === 0 || s > (score[at] as number)) {
      if (c >= 1) {
        score[at + 1] = score[at] as number;
        prevNode[at + 1] = prevNode[at] as number;
        prevRank[at + 1] = prevRank[at] as number;
      }
      score[at] = s;
      prevNode[at] = pn;
      prevRank[at] = pr;
      count[k] = Math.min(c + 1, 2);
    } else if (c === 1 || s > (score[at + 1] as number)) {
      score[at + 1] = s;
      prevNode[at + 1] = pn;
      prevRank[at + 1] = pr;
      count[k] = 2;
    }
  };
  for (let k = 0; k < nodes; k++) {
    const b = l.begin[k] as number;
    const s = l.scores[k] as number;
    if (b === 0) {
      offer(k, s, -1, -1);
      continue;
    }
    for (const j of ends[b] as number[]) {
      for (let r = 0; r < (count[j] as number); r++)
        offer(k, (score[j * 2 + r] as number) + s, j, r);
    }
  }
  // Best two among all hypotheses ending at the end of the sentence.
  const finals: [number, number, number][] = [];
  for (const j of ends[l.length] as number[]) {
    for (let r = 0; r < (count[j] as number); r++) finals.push([score[j * 2 + r] as number, j, r]);
  }
  finals.sort((x, y) => y[0] - x[0]);
  return finals.slice(0, 2).map(([, j, r]) => {
    const path: number[] = [];
    let node = j;
    let rank = r;
    while (node !== -1) {
      path.push(l.ids[node] as number);
      const pn = prevNode[node * 2 + rank] as number;
      rank = prevRank[node * 2 + rank] as number;
      node = pn;
    }
    return path.reverse();
  });
}

// Forward-backward buffers, reused across sentences.
let scratch = {
  alpha: new Float64Array(256),
  beta: new Float64Array(256),
  alphaSet: new Uint8Array(256),
  betaSet: new Uint8Array(256),
};

/** Adds a path's log-probability `v` into `logSums[at]` (log-sum-exp); the first path into a position sets it. */
function addLogProb(logSums: Float64Array, seen: Uint8Array, at: number, v: number): void {
  if (seen[at] === 0) {
    logSums[at] = v;
    seen[at] = 1;
  } else {
    logSums[at] = logSumExp(logSums[at] as number, v);
  }
}

/**
 * Forward-backward: adds `freq` times each node's posterior to `expected[id]` and returns `freq * log Z`,
 * Hugging Face's `Lattice::populate_marginal`, summing in the same order.
 */
export function addMarginals(l: Lattice, freq: number, expected: Float64Array): number {
  const n = l.length;
  const nodes = l.count;
  // alpha[p]: log-sum of paths from the start to position p; beta[p]: from p to the end.
  if (scratch.alpha.length < n + 1) {
    const size = Math.max(n + 1, scratch.alpha.length * 2);
    scratch = {
      alpha: new Float64Array(size),
      beta: new Float64Array(size),
      alphaSet: new Uint8Array(size),
      betaSet: new Uint8Array(size),
    };
  }
  const { alpha, beta, alphaSet, betaSet } = scratch;
  alpha[0] = 0;
  alphaSet.fill(0, 0, n + 1);
  alphaSet[0] = 1;
  for (let k = 0; k < nodes; k++) {
    const e = l.end[k] as number;
    addLogProb(
      alpha,
      alphaSet,
      e,
      (l.scores[k] as number) + (alpha[l.begin[k] as number] as number),
    );
  }
  beta[n] = 0;
  betaSet.fill(0, 0, n + 1);
  betaSet[n] = 1;
  // Nodes are grouped by begin in insertion order; walk begins from the end, nodes of one begin in order.
  let k = nodes - 1;
  while (k >= 0) {
    const b = l.begin[k] as number;
    let first = k;
    while (first > 0 && l.begin[first - 1] === b) first--;
    for (let m = first; m <= k; m++) {
      addLogProb(beta, betaSet, b, (l.scores[m] as number) + (beta[l.end[m] as number] as number));
    }
    k = first - 1;
  }
  const z = alpha[n] as number;
  for (let m = 0; m < nodes; m++) {
    const total =
      (alpha[l.begin[m] as number] as number) +
      (l.scores[m] as number) +
      (beta[l.end[m] as number] as number) -
      z;
    expected[l.ids[m] as number]! += freq * Math.exp(total);
  }
  return freq * z;
}
