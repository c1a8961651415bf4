import type { Model, TokenSink } from './model';
import { cachedWord } from './model';
import { TokenizerError } from './errors';
import { utf8Bytes } from './bpe';

/** Options of {@link UnigramModel}. */
export interface UnigramOptions {
  /** Index of the unknown piece in the vocabulary. @defaultValue `undefined` */
  unkId?: number;
  /** Encode pieces outside the vocabulary as `<0xXX>` byte tokens. @defaultValue false */
  byteFallback?: boolean;
}

/** SentencePiece's penalty for an unknown piece, below the lowest score. */
const UNK_PENALTY = 10;

/**
 * Unigram language model: the segmentation with the highest total log-probability, found by Viterbi over a
 * trie of pieces; unknown characters become one unknown node scored `min - 10`, consecutive ones fused.
 * Matches Hugging Face's `Unigram::encode_optimized` (ties keep the earlier path).
 * @see Kudo 2018, "Subword Regularization" (https://arxiv.org/abs/1804.10959)
 */
export class UnigramModel implements Model {
  readonly type = 'Unigram' as const;
  readonly unkId: number | undefined;
  readonly byteFallback: boolean;
  private readonly pieces: string[];
  private readonly scores: Float64Array;
  private readonly index: Map<string, number>;
  /** Trie: key node * 65536 + code unit → child node. */
  private readonly trie = new Map<number, number>();
  /** Piece id ending at each trie node, -1 when none. */
  private readonly terminal: Int32Array;
  /** Children of the root by code unit (most lookups), -1 when absent. */
  private readonly root = new Int32Array(65536).fill(-1);
  private readonly minScore: number;
  private cache = new Map<string, Int32Array>();

  constructor(vocab: ReadonlyArray<readonly [string, number]>, options: UnigramOptions = {}) {
    this.unkId = options.unkId;
    this.byteFallback = options.byteFallback ?? false;
    this.pieces = vocab.map((p) => p[0]);
    this.scores = Float64Array.from(vocab, (p) => p[1]);
    this.index = new Map();
    let min = Infinity;
    let nodes = 1;
    const terminal: number[] = [-1];
    for (let id = 0; id < vocab.length; id++) {
      const [piece, score] = vocab[id]!;
      if (!this.index.has(piece)) this.index.set(piece, id);
      if (score < min) min = score;
      let node = 0;
      for (let i = 0; i < piece.length; i++) {
        const key = node * 65536 + piece.charCodeAt(i);
        let child = this.trie.get(key);
        if (child === undefined) {
          child = nodes++;
          terminal.push(-1);
          this.trie.set(key, child);
        }
        node = child;
      }
      if (piece.length > 0 && terminal[node] === -1) terminal[node] = id;
    }
    this.terminal = Int32Array.from(terminal);
    for (let c = 0; c < 65536; c++) {
      const child = this.trie.get(c);
      if (child !== undefined) this.root[c] = child;
    }
    this.minScore = min;
    if (this.unkId !== undefined && (this.unkId < 0 || this.unkId >= vocab.length)) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `model.unk_id: ${this.unkId} is outside the vocabulary (size ${vocab.length})`,
      );
    }
  }

  tokenize(word: string, sink: TokenSink): void {
    if (word.length === 0) return;
    const res = cachedWord(this.cache, word, (w) => this.run(w));
    const pieces = this.pieces;
    for (let i = 0; i < res.length; i += 3) {
      const id = res[i]!;
      const s = res[i + 1]!;
      const e = res[i + 2]!;
      // Hugging Face reports a known (or byte) piece by its text and an unknown run by the input text.
      if (id >= 0) sink.push(id, pieces[id]!, s, e);
      else sink.push(this.unkId!, word.slice(s, e), s, e);
    }
  }

  /** Viterbi, then strings to ids (byte fallback / unknown). Packs id, start, end. */
  private run(word: string): Int32Array {
    const n = word.length;
    const bestScore = new Float64Array(n + 1);
    const startsAt = new Int32Array(n + 1).fill(-1);
    const bestId = new Int32Array(n + 1);
    const unkScore = this.minScore - UNK_PENALTY;
    const trie = this.trie;
    const terminal = this.terminal;
    const scores = this.scores;
    for (let start = 0; start < n;) {
      const base = bestScore[start]!;
      const c = word.charCodeAt(start);
      const mblen =
        c >= 0xd800 &&
        c <= 0xdbff &&
        start + 1 < n &&
        (word.charCodeAt(start + 1) & 0xfc00) === 0xdc00
          ? 2
          : 1;
      let hasSingle = false;
      let node = 0;
      const root = this.root;
      for (let i = start; i < n; i++) {
        const child =
          i === start
            ? root[word.charCodeAt(i)]! >= 0
              ? root[word.charCodeAt(i)]
              : undefined
            : trie.get(node * 65536 + word.charCodeAt(i));
        if (child === undefined) break;
        node = child;
        const id = terminal[node]!;
        if (id >= 0) {
          const end = i + 1;
          const cand = base + scores[id]!;
          if (startsAt[end]! < 0 || cand > bestScore[end]!) {
            bestScore[end] = cand;
            startsAt[end] = start;
            bestId[end] = id;
          }
          if (end - start === mblen) hasSingle = true;
        }
      }
      if (!hasSingle) {
        const end = start + mblen;
        const cand = base + unkScore;
        if (startsAt[end]! < 0 || cand > bestScore[end]!) {
          bestScore[end] = cand;
          startsAt[end] = start;
          bestId[end] = this.unkId ?? -2;
        }
      }
      start += mblen;
    }
    // Backtrack; unknown pieces are fused (Hugging Face's Unigram always fuses).
    const segS: number[] = [];
    const segE: number[] = [];
    let end = n;
    let fuseEnd = -1;
    const unkMarker = this.unkId ?? -2;
    while (end > 0) {
      const s = startsAt[end]!;
      if (bestId[end] === unkMarker) {
        if (fuseEnd < 0) fuseEnd = end;
      } else {
        if (fuseEnd >= 0) {
          segS.push(end);
          segE.push(fuseEnd);
          fuseEnd = -1;
        }
        segS.push(s);
        segE.push(end);
      }
      end = s;
    }
    if (fuseEnd >= 0) {
      segS.push(0);
      segE.push(fuseEnd);
    }
    const out: number[] = [];
    for (let k = segS.length - 1; k >= 0; k--) {
      const s = segS[k]!;
      const e = segE[k]!;
      const str = word.slice(s, e);
      const id = this.index.get(str);
      if (id !== undefined) {
        out.push(id, s, e);
        continue;
      }
      if (this.byteFallback) {
        const bytes = utf8Bytes(str);
        const ids: number[] = [];
        for (const b of bytes) {
          const bid = this.index.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
          if (bid === undefined) break;
          ids.push(bid);
        }
        if (ids.length === bytes.length) {
          for (const bid of ids) out.push(bid, s, e);
          continue;
        }
      }
      if (this.unkId === undefined) {
        throw new TokenizerError(
          'UNKNOWN_TOKEN',
          `Unigram: ${JSON.stringify(str.slice(0, 40))} is not in the vocabulary and model.unk_id is not set`,
        );
      }
      out.push(-1, s, e);
    }
    return Int32Array.from(out);
  }

  tokenToId(token: string): number | undefined {
    return this.index.get(token);
  }
  idToToken(id: number): string | undefined {
    return this.pieces[id];
  }
  getVocabSize(): number {
    return this.pieces.length;
  }
  getVocab(): Record<string, number> {
    return Object.fromEntries(this.index);
  }
}
