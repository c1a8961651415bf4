import { TokenizerError } from '../errors';
import { PhaseProgress } from './phase-progress';
import type { BpeModelJson, CommonTrainerOptions } from './types';

/** Options of the BPE trainer; defaults are those of Hugging Face's `BpeTrainer`. */
export interface BpeTrainerOptions extends CommonTrainerOptions {
  /**
   * Stop merging when the most frequent pair occurs fewer times than this.
   * @defaultValue 0
   */
  minFrequency?: number;
  /**
   * Keep at most this many initial characters (the most frequent); the rest are dropped from words.
   * @defaultValue no limit
   */
  limitAlphabet?: number;
  /**
   * Characters always in the initial alphabet, seen in the texts or not (byte-level BPE passes all 256).
   * @defaultValue `[]`
   */
  initialAlphabet?: readonly string[];
  /**
   * Prefix marking a subword that continues a word (`##` for WordPiece).
   * @defaultValue none
   */
  continuingSubwordPrefix?: string;
  /**
   * Suffix marking the subword that ends a word (`</w>` in the original BPE).
   * @defaultValue none
   */
  endOfWordSuffix?: string;
  /**
   * Longest token, in characters, a merge may produce.
   * @defaultValue no limit
   */
  maxTokenLength?: number;
}

/** The result of BPE training: ordered vocabulary and merges. */
export interface BpeTrainingResult {
  /** Tokens by id. */
  vocab: string[];
  /** Merges in rank order, as token pairs. */
  merges: [string, string][];
}

// Pair keys pack two ids (< 2^26 each) into one exact double.
const PAIR_SHIFT = 67108864;

interface QueueEntry {
  left: number;
  right: number;
  count: number;
  pos: Set<number> | number[];
}

/** Max-heap on (count, then the smaller pair first), Hugging Face's `Merge` ordering. */
class MergeQueue {
  private readonly heap: QueueEntry[] = [];

  get size(): number {
    return this.heap.length;
  }

  private static before(x: QueueEntry, y: QueueEntry): boolean {
    if (x.count !== y.count) return x.count > y.count;
    if (x.left !== y.left) return x.left < y.left;
    return x.right < y.right;
  }

  push(e: QueueEntry): void {
    const h = this.heap;
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p] as QueueEntry;
      if (!MergeQueue.before(e, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = e;
  }

  pop(): QueueEntry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && MergeQueue.before(h[r] as QueueEntry, h[l] as QueueEntry)) c = r;
      const child = h[c] as QueueEntry;
      if (!MergeQueue.before(child, last)) break;
      h[i] = child;
      i = c;
    }
    h[i] = last;
    return top;
  }
}

function checkCount(name: string, value: number | undefined, min: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min) {
    throw new TokenizerError(
      'INVALID_OPTION',
      `bpe trainer: ${name} must be an integer >= ${min}, got ${String(value)}`,
    );
  }
}

/** Validates options shared by BPE and WordPiece training. */
export function validateBpeOptions(options: BpeTrainerOptions): void {
  checkCount('vocabSize', options.vocabSize, 0);
  checkCount('minFrequency', options.minFrequency, 0);
  checkCount('limitAlphabet', options.limitAlphabet, 0);
  checkCount('maxTokenLength', options.maxTokenLength, 1);
  for (const c of options.initialAlphabet ?? []) {
    if ([...c].length !== 1) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `bpe trainer: initialAlphabet entries must be single characters, got ${JSON.stringify(c)}`,
      );
    }
  }
}

/**
 * Learns BPE merges from word counts with Hugging Face's algorithm: special tokens first, then the alphabet sorted
 * by code point, then merges of the most frequent pair, ties going to the pair with the smaller ids.
 * @throws {TokenizerError} `INVALID_OPTION` for a negative or fractional size.
 * @see https://github.com/huggingface/tokenizers/blob/main/tokenizers/src/models/bpe/trainer.rs
 */
export function learnBpe(
  wordCounts: ReadonlyMap<string, number>,
  options: BpeTrainerOptions = {},
  reporter: PhaseProgress = new PhaseProgress(options),
  subwordOrder: readonly string[] = [],
): BpeTrainingResult {
  validateBpeOptions(options);
  const vocabSize = options.vocabSize ?? 30000;
  const minFrequency = options.minFrequency ?? 0;
  const prefix = options.continuingSubwordPrefix;
  const suffix = options.endOfWordSuffix;
  const maxLen = options.maxTokenLength ?? Number.MAX_SAFE_INTEGER;
  const idToWord: string[] = [];
  const wordToId = new Map<string, number>();
  const addToken = (t: string): number => {
    let id = wordToId.get(t);
    if (id === undefined) {
      id = idToWord.length;
      idToWord.push(t);
      wordToId.set(t, id);
    }
    return id;
  };

  // 1. Special tokens.
  for (const t of options.specialTokens ?? []) addToken(t);

  // 2. Alphabet: character frequencies weighted by word counts, forced initial characters, limit, code point order.
  reporter.begin('alphabet', wordCounts.size);
  const alphabet = new Map<string, number>();
  for (const [word, count] of wordCounts) {
    for (const ch of word) alphabet.set(ch, (alphabet.get(ch) ?? 0) + count);
  }
  for (const ch of options.initialAlphabet ?? []) alphabet.set(ch, Number.MAX_SAFE_INTEGER);
  let kept = [...alphabet.entries()];
  const limit = options.limitAlphabet;
  if (limit !== undefined && kept.length > limit) {
    // Drop the rarest characters; Hugging Face's unstable sort leaves ties unordered, we drop the larger code point.
    kept.sort((x, y) => x[1] - y[1] || cp(y[0]) - cp(x[0]));
    kept = kept.slice(kept.length - limit);
  }
  kept.sort((x, y) => cp(x[0]) - cp(y[0]));
  for (const [ch] of kept) addToken(ch);
  reporter.end(wordCounts.size);

  // 3. Words as symbol ids; characters outside the alphabet are skipped. Affixed characters (`##a`) get ids as
  // first met; Hugging Face meets them in hash-map order, so `subwordOrder` can replay one of its runs.
  for (const t of subwordOrder) addToken(t);
  reporter.begin('tokenize', wordCounts.size);
  const words: number[][] = [];
  const lens: number[][] = [];
  const counts: number[] = [];
  let w = 0;
  for (const [word, count] of wordCounts) {
    const chars = [...word];
    const symbols: number[] = [];
    for (let i = 0; i < chars.length; i++) {
      let s = chars[i] as string;
      if (!wordToId.has(s)) continue;
      if (i > 0 && prefix !== undefined) s = prefix + s;
      if (i === chars.length - 1 && suffix !== undefined) s = s + suffix;
      symbols.push(addToken(s));
    }
    words.push(symbols);
    lens.push(symbols.map(() => 1));
    counts.push(count);
    if (++w % 10000 === 0) reporter.tick(w, wordCounts.size);
  }
  reporter.end(words.length);

  // 4. Pair counts and the words each pair occurs in.
  reporter.begin('count-pairs', words.length);
  const pairCounts = new Map<number, number>();
  const where = new Map<number, number[]>();
  for (let i = 0; i < words.length; i++) {
    const symbols = words[i] as number[];
    const count = counts[i] as number;
    for (let j = 0; j + 1 < symbols.length; j++) {
      const key = (symbols[j] as number) * PAIR_SHIFT + (symbols[j + 1] as number);
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + count);
      const list = where.get(key);
      if (list === undefined) where.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  }
  const queue = new MergeQueue();
  for (const [key, pos] of where) {
    const count = pairCounts.get(key) ?? 0;
    if (count > 0)
      queue.push({ left: Math.floor(key / PAIR_SHIFT), right: key % PAIR_SHIFT, count, pos });
  }
  where.clear();
  reporter.end(words.length);

  // 5. Merges.
  const mergeList: [number, number, number][] = [];
  const target = Math.max(vocabSize - wordToId.size, 0);
  reporter.begin('merge', target);
  const update = new Map<number, Set<number>>();
  while (wordToId.size < vocabSize) {
    const top = queue.pop();
    if (top === undefined) break;
    const key = top.left * PAIR_SHIFT + top.right;
    const current = pairCounts.get(key) ?? 0;
    if (top.count !== current) {
      // Stale entry: requeue with the up-to-date count (a count of 0 ends training when it surfaces).
      top.count = current;
      queue.push(top);
      continue;
    }
    if (top.count < 1 || minFrequency > top.count) break;
    const partA = idToWord[top.left] as string;
    let partB = idToWord[top.right] as string;
    if (prefix !== undefined && partB.startsWith(prefix)) partB = partB.slice(prefix.length);
    const newId = addToken(partA + partB);
    mergeList.push([top.left, top.right, newId]);

    for (const i of top.pos) {
      mergeInWord(
        words[i] as number[],
        lens[i] as number[],
        top.left,
        top.right,
        newId,
        maxLen,
        (pair, change) => {
          pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + change * (counts[i] as number));
          if (change > 0) {
            const set = update.get(pair);
            if (set === undefined) update.set(pair, new Set([i]));
            else set.add(i);
          }
        },
      );
    }
    for (const [pair, pos] of update) {
      const count = pairCounts.get(pair) ?? 0;
      if (count > 0)
        queue.push({ left: Math.floor(pair / PAIR_SHIFT), right: pair % PAIR_SHIFT, count, pos });
    }
    update.clear();
    reporter.tick(mergeList.length, target);
  }
  reporter.end(mergeList.length, target);
  reporter.finish();

  // Hugging Face stores merges in a map keyed by pair, so a pair merged twice keeps its last rank.
  const lastRank = new Map<number, number>();
  mergeList.forEach(([a, b], rank) => lastRank.set(a * PAIR_SHIFT + b, rank));
  const merges: [string, string][] = [];
  mergeList.forEach(([a, b], rank) => {
    if (lastRank.get(a * PAIR_SHIFT + b) === rank)
      merges.push([idToWord[a] as string, idToWord[b] as string]);
  });
  return { vocab: idToWord, merges };
}

function cp(ch: string): number {
  return ch.codePointAt(0) ?? 0;
}

/**
 * Replaces each non-overlapping (left to right) occurrence of `a b` in `symbols` by `id` and reports the pair count
 * changes around it, as Hugging Face's `Word::merge` does (new pairs only when shorter than `maxLen` characters).
 */
function mergeInWord(
  symbols: number[],
  lens: number[],
  a: number,
  b: number,
  id: number,
  maxLen: number,
  change: (pair: number, delta: number) => void,
): void {
  let i = 0;
  while (i < symbols.length) {
    if (symbols[i] === a && i + 1 < symbols.length && symbols[i + 1] === b) {
      const newLen = (lens[i] as number) + (lens[i + 1] as number);
      if (i > 0) {
        const prev = symbols[i - 1] as number;
        change(prev * PAIR_SHIFT + a, -1);
        if ((lens[i - 1] as number) + newLen < maxLen) change(prev * PAIR_SHIFT + id, 1);
      }
      symbols.splice(i, 2, id);
      lens.splice(i, 2, newLen);
      if (i < symbols.length - 1) {
        const next = symbols[i + 1] as number;
        change(b * PAIR_SHIFT + next, -1);
        if ((lens[i + 1] as number) + newLen < maxLen) change(id * PAIR_SHIFT + next, 1);
      }
    }
    i++;
  }
}

/**
 * Trains a BPE model section from word counts.
 * @throws {TokenizerError} `INVALID_OPTION` for invalid sizes.
 */
export function trainBpeModel(
  wordCounts: ReadonlyMap<string, number>,
  options: BpeTrainerOptions & { unkToken?: string | null; byteFallback?: boolean } = {},
  reporter?: PhaseProgress,
): BpeModelJson {
  const { vocab, merges } = learnBpe(wordCounts, options, reporter);
  const vocabJson = Object.create(null) as Record<string, number>;
  vocab.forEach((t, i) => (vocabJson[t] = i));
  return {
    type: 'BPE',
    dropout: null,
    unk_token: options.unkToken ?? null,
    continuing_subword_prefix: options.continuingSubwordPrefix ?? null,
    end_of_word_suffix: options.endOfWordSuffix ?? null,
    fuse_unk: false,
    byte_fallback: options.byteFallback ?? false,
    ignore_merges: false,
    vocab: vocabJson,
    merges,
  };
}
