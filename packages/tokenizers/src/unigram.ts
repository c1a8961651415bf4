import type { Model, TokenSink } from './model';
import { cachedWord } from './model';
import { TokenizerError } from './errors';
import { utf8Bytes } from './utf8';
import { IntPairTable } from './int-pair-table';
import { VocabTableBuilder } from './vocab-table';
import type { VocabTable } from './vocab-table';
import type { ScannedPieces } from './json-scan';

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
  /** Piece of each id when built from an array (else the table's tokens are the pieces). */
  private readonly pieces: readonly string[] | null;
  private readonly scores: Float64Array;
  private readonly index: VocabTable;
  /** Trie: (node, code unit) → child node. */
  private readonly trie: IntPairTable;
  /** Piece id ending at each trie node, -1 when none. */
  private readonly terminal: Int32Array;
  /** Children of the root by code unit (most lookups), -1 when absent. */
  private readonly root = new Int32Array(65536).fill(-1);
  private readonly minScore: number;
  private cache = new Map<string, Int32Array>();
  /** Viterbi lattice, reused from word to word: best score, start and piece of the best path to each end. */
  private bestScore = new Float64Array(64);
  private startsAt = new Int32Array(64);
  private bestId = new Int32Array(64);

  /**
   * @param vocab `[piece, score]` pairs by id (or the pieces `Tokenizer.fromString` scans from the file).
   * @throws {TokenizerError} `INVALID_FIELD` when `unkId` is outside the vocabulary.
   */
  constructor(
    vocab: ReadonlyArray<readonly [string, number]> | ScannedPieces,
    options: UnigramOptions = {},
  ) {
    this.unkId = options.unkId;
    this.byteFallback = options.byteFallback ?? false;
    if (isPieceList(vocab)) {
      const n = vocab.length;
      const pieces = new Array<string>(n);
      this.scores = new Float64Array(n);
      const b = new VocabTableBuilder('', n);
      for (let id = 0; id < n; id++) {
        const [piece, score] = vocab[id]!;
        pieces[id] = piece;
        this.scores[id] = score;
        b.addString(piece, id);
      }
      this.pieces = pieces;
      // A repeated piece keeps its first id, as Hugging Face's token → id map does.
      this.index = b.build('first');
    } else {
      this.pieces = null;
      this.index = vocab.table;
      this.scores = vocab.scores;
    }
    const n = this.scores.length;
    let min = Infinity;
    for (let id = 0; id < n; id++) if (this.scores[id]! < min) min = this.scores[id]!;
    this.minScore = min;
    // The trie of pieces over UTF-16 units; a node's terminal is the first piece ending there.
    const trie = new IntPairTable(4 * n);
    let terminal = new Int32Array(4 * n + 16).fill(-1);
    const root = this.root;
    let nodes = 1;
    this.index.forEachKey((id, pool, start, len) => {
      let node = 0;
      for (let i = start; i < start + len; i++) {
        const c = pool.charCodeAt(i);
        let child = trie.get(node, c);
        if (child < 0) {
          child = nodes++;
          if (child === terminal.length) {
            const t = new Int32Array(2 * child).fill(-1);
            t.set(terminal);
            terminal = t;
          }
          trie.setIfAbsent(node, c, child);
          if (node === 0) root[c] = child;
        }
        node = child;
      }
      if (len > 0 && terminal[node] === -1) terminal[node] = id;
    });
    this.trie = trie;
    this.terminal = terminal;
    if (this.unkId !== undefined && (this.unkId < 0 || this.unkId >= n)) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `model.unk_id: ${this.unkId} is outside the vocabulary (size ${n})`,
      );
    }
  }

  private piece(id: number): string {
    return this.pieces !== null ? this.pieces[id]! : this.index.token(id)!;
  }

  tokenize(word: string, sink: TokenSink): void {
    if (word.length === 0) return;
    const res = cachedWord(this.cache, word, (w) => this.run(w));
    for (let i = 0; i < res.length; i += 3) {
      const id = res[i]!;
      const s = res[i + 1]!;
      const e = res[i + 2]!;
      // Hugging Face reports a known (or byte) piece by its text and an unknown run by the input text.
      if (id >= 0) sink.push(id, this.piece(id), s, e);
      else sink.push(this.unkId!, word.slice(s, e), s, e);
    }
  }

  /** Viterbi, then strings to ids (byte fallback / unknown). Packs id, start, end. */
  private run(word: string): Int32Array {
    const n = word.length;
    if (this.bestScore.length <= n) {
      this.bestScore = new Float64Array(2 * n + 2);
      this.startsAt = new Int32Array(2 * n + 2);
      this.bestId = new Int32Array(2 * n + 2);
    }
    const { bestScore, startsAt, bestId } = this;
    startsAt.fill(-1, 0, n + 1);
    bestScore[0] = 0;
    const unkScore = this.minScore - UNK_PENALTY;
    const unkMarker = this.unkId ?? -2;
    const trie = this.trie;
    const terminal = this.terminal;
    const scores = this.scores;
    const root = this.root;
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
      let node = root[c]!;
      for (let i = start; node >= 0;) {
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
        if (++i >= n) break;
        node = trie.get(node, word.charCodeAt(i));
      }
      if (!hasSingle) {
        const end = start + mblen;
        const cand = base + unkScore;
        if (startsAt[end]! < 0 || cand > bestScore[end]!) {
          bestScore[end] = cand;
          startsAt[end] = start;
          bestId[end] = unkMarker;
        }
      }
      start += mblen;
    }
    // Backtrack (right to left), fusing unknown pieces as Hugging Face's Unigram always does; segments
    // are written as id, start, end triples from the end of `out` backwards.
    let count = 0;
    for (let end = n, fused = false; end > 0; end = startsAt[end]!) {
      const unk = bestId[end] === unkMarker;
      if (!(unk && fused)) count++;
      fused = unk;
    }
    const out = new Int32Array(3 * count);
    let w = 3 * count;
    let fuseEnd = -1;
    for (let end = n; end > 0;) {
      const s = startsAt[end]!;
      if (bestId[end] === unkMarker) {
        if (fuseEnd < 0) fuseEnd = end;
        if (s === 0 || bestId[s] !== unkMarker) {
          out[--w] = fuseEnd;
          out[--w] = s;
          out[--w] = -1;
          fuseEnd = -1;
        }
      } else {
        out[--w] = end;
        out[--w] = s;
        out[--w] = bestId[end]!;
      }
      end = s;
    }
    // A known piece's id is its trie terminal (the first id of that piece, as the token map keeps).
    // Unknown runs: the piece of that text if any, else byte fallback, else the unknown token.
    let extra = 0;
    let byteRuns = false;
    for (let k = 0; k < out.length; k += 3) {
      if (out[k]! !== -1) continue;
      const bytes = this.unknownRun(word, out, k);
      if (bytes === null) continue;
      byteRuns = true;
      extra += bytes.length - 1;
    }
    return byteRuns ? this.expandBytes(word, out, extra) : out;
  }

  /**
   * Resolves the unknown run at `out[k]` in place: its piece id, or -1 for the unknown token; returns the
   * byte-fallback ids when the run becomes bytes (the caller expands them), else null.
   * @throws {TokenizerError} `UNKNOWN_TOKEN` when the run has no token and `unk_id` is not set.
   */
  private unknownRun(word: string, out: Int32Array, k: number): number[] | null {
    const str = word.slice(out[k + 1], out[k + 2]);
    const id = this.index.get(str);
    if (id !== undefined) {
      out[k] = id;
      return null;
    }
    if (this.byteFallback) {
      const bytes = utf8Bytes(str);
      const ids: number[] = [];
      for (const b of bytes) {
        const bid = this.index.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
        if (bid === undefined) break;
        ids.push(bid);
      }
      if (ids.length === bytes.length) return ids;
    }
    if (this.unkId === undefined) {
      throw new TokenizerError(
        'UNKNOWN_TOKEN',
        `Unigram: ${JSON.stringify(str.slice(0, 40))} is not in the vocabulary and model.unk_id is not set`,
      );
    }
    return null;
  }

  /** `out` with each byte-fallback run replaced by its byte tokens (each spanning the run). */
  private expandBytes(word: string, out: Int32Array, extra: number): Int32Array {
    const res = new Int32Array(out.length + 3 * extra);
    let w = 0;
    for (let k = 0; k < out.length; k += 3) {
      const ids = out[k] === -1 ? this.unknownRun(word, out, k) : null;
      for (const id of ids ?? [out[k]!]) {
        res[w++] = id;
        res[w++] = out[k + 1]!;
        res[w++] = out[k + 2]!;
      }
    }
    return res;
  }

  tokenToId(token: string): number | undefined {
    return this.index.get(token);
  }
  idToToken(id: number): string | undefined {
    return Number.isInteger(id) && id >= 0 && id < this.scores.length ? this.piece(id) : undefined;
  }
  getVocabSize(): number {
    return this.scores.length;
  }
  getVocab(): Record<string, number> {
    return Object.fromEntries(this.index.entries());
  }
}

function isPieceList(
  v: ReadonlyArray<readonly [string, number]> | ScannedPieces,
): v is ReadonlyArray<readonly [string, number]> {
  return Array.isArray(v);
}
