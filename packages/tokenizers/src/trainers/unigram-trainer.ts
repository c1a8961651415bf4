import { TokenizerError } from '../errors';
import { repeatedSubstrings } from './frequent-substrings';
import { PhaseProgress } from './phase-progress';
import { TrainingUnigram, addMarginals, twoBest, viterbi } from './unigram-lattice';
import type { CommonTrainerOptions, UnigramModelJson } from './types';

/** Options of the Unigram trainer; defaults are those of Hugging Face's `UnigramTrainer`. */
export interface UnigramTrainerOptions extends CommonTrainerOptions {
  /**
   * Number of pieces, special tokens not counted.
   * @defaultValue 8000
   */
  vocabSize?: number;
  /**
   * EM iterations between two pruning rounds.
   * @defaultValue 2
   */
  nSubIterations?: number;
  /**
   * Fraction of pieces each pruning round keeps.
   * @defaultValue 0.75
   */
  shrinkingFactor?: number;
  /**
   * The unknown token: inserted at id 0 unless it is one of `specialTokens`.
   * @defaultValue none (no unknown token)
   */
  unkToken?: string;
  /**
   * Longest piece, in characters.
   * @defaultValue 16
   */
  maxPieceLength?: number;
  /**
   * Number of seed pieces (characters, then the most frequent substrings) EM starts from.
   * @defaultValue 1000000
   */
  seedSize?: number;
  /**
   * Characters kept in the vocabulary even if unseen.
   * @defaultValue `[]`
   */
  initialAlphabet?: readonly string[];
}

type Piece = [string, number];
type Sentence = { text: string; cps: Int32Array; count: number };

// Hugging Face's digamma approximation (asymptotic series after shifting x above 7).
function digamma(x0: number): number {
  let x = x0;
  let result = 0;
  while (x < 7) {
    result -= 1 / x;
    x += 1;
  }
  x -= 1 / 2;
  const xx = 1 / x;
  const xx2 = xx * xx;
  const xx4 = xx2 * xx2;
  result +=
    Math.log(x) +
    (1 / 24) * xx2 -
    (7 / 960) * xx4 +
    (31 / 8064) * xx4 * xx2 -
    (127 / 30720) * xx4 * xx4;
  return result;
}

function validate(options: UnigramTrainerOptions): void {
  const ints: [string, number | undefined, number][] = [
    ['vocabSize', options.vocabSize, 1],
    ['nSubIterations', options.nSubIterations, 1],
    ['maxPieceLength', options.maxPieceLength, 1],
    ['seedSize', options.seedSize, 1],
  ];
  for (const [name, value, min] of ints) {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `unigram trainer: ${name} must be an integer >= ${min}, got ${String(value)}`,
      );
    }
  }
  const f = options.shrinkingFactor;
  if (f !== undefined && !(f > 0 && f < 1)) {
    throw new TokenizerError(
      'INVALID_OPTION',
      `unigram trainer: shrinkingFactor must be in (0, 1), got ${f}`,
    );
  }
}

/** Seed pieces: every character by weighted count, then substrings by frequency x length, as log probabilities. */
function seedPieces(
  sentences: readonly Sentence[],
  maxPieceLength: number,
  seedSize: number,
): Piece[] {
  const charCounts = new Map<number, number>();
  let total = 0;
  for (const s of sentences) total += s.cps.length + 1;
  const flat = new Int32Array(total);
  let at = 0;
  for (const s of sentences) {
    for (const c of s.cps) {
      flat[at++] = c;
      if (c !== 0) charCounts.set(c, (charCounts.get(c) ?? 0) + s.count);
    }
    flat[at++] = 0; // sentence boundary
  }
  // Compact the alphabet for the radix sort, keeping code point order (NUL stays smallest).
  const symbols = [...new Set(flat)].sort((a, b) => a - b);
  const rankOf = new Map<number, number>();
  symbols.forEach((c, i) => rankOf.set(c, i));
  const ranked = flat.map((c) => rankOf.get(c) as number);
  const found = repeatedSubstrings(
    ranked,
    symbols.length,
    (len) => len >= 2 && len <= maxPieceLength,
  );
  const candidates: { score: number; start: number; length: number }[] = [];
  for (const r of found) {
    let hasBoundary = false;
    for (let i = r.start; i < r.start + r.length; i++) {
      if (flat[i] === 0) {
        hasBoundary = true;
        break;
      }
    }
    if (!hasBoundary)
      candidates.push({ score: r.frequency * r.length, start: r.start, length: r.length });
  }
  // Decreasing (score, string), comparing strings by code points as Rust compares `[char]`.
  candidates.sort((x, y) => {
    if (x.score !== y.score) return y.score - x.score;
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const d = (flat[y.start + i] as number) - (flat[x.start + i] as number);
      if (d !== 0) return d;
    }
    return y.length - x.length;
  });
  const chars = [...charCounts.entries()].sort((x, y) => y[1] - x[1] || y[0] - x[0]);
  const seeds: Piece[] = chars.map(([c, n]) => [String.fromCodePoint(c), n]);
  for (const c of candidates) {
    if (seeds.length >= seedSize) break;
    seeds.push([String.fromCodePoint(...flat.subarray(c.start, c.start + c.length)), c.score]);
  }
  let sum = 0;
  for (const p of seeds) sum += p[1];
  const logSum = Math.log(sum);
  for (const p of seeds) p[1] = Math.log(p[1]) - logSum;
  return seeds;
}

function eStep(model: TrainingUnigram, sentences: readonly Sentence[]): Float64Array {
  const expected = new Float64Array(model.pieces.length);
  for (const s of sentences) {
    const z = addMarginals(model.lattice(s.cps, true), s.count, expected);
    if (Number.isNaN(z)) {
      throw new TokenizerError(
        'INVALID_INPUT',
        `unigram trainer: the likelihood of ${JSON.stringify(s.text.slice(0, 40))} is NaN; the word may be too long`,
      );
    }
  }
  return expected;
}

/** M step with the Bayesian (digamma) update that acts as a sparse prior; drops pieces expected under 0.5 times. */
function mStep(pieces: readonly Piece[], expected: Float64Array): Piece[] {
  const kept: Piece[] = [];
  let sum = 0;
  pieces.forEach(([piece], i) => {
    const freq = expected[i] as number;
    if (i === 0) {
      kept.push([piece, NaN]);
      return;
    }
    if (freq < 0.5) return;
    kept.push([piece, freq]);
    sum += freq;
  });
  const logSum = digamma(sum);
  return kept.map(([p, c]) => [p, digamma(c) - logSum]);
}

/** Drops the pieces whose removal costs the least likelihood, keeping max(vocab * 1.1, pieces * shrinking). */
function prune(
  model: TrainingUnigram,
  pieces: readonly Piece[],
  sentences: readonly Sentence[],
  vocabSize: number,
  shrinkingFactor: number,
): Piece[] {
  const alwaysKeep = new Array<boolean>(pieces.length).fill(true);
  const alternatives: number[][] = pieces.map(() => []);
  for (let id = 1; id < pieces.length; id++) {
    const cps = Int32Array.from(
      [...(pieces[id] as Piece)[0]].map((c) => c.codePointAt(0) as number),
    );
    const nbests = twoBest(model.lattice(cps));
    const [first, second] = nbests;
    if (nbests.length === 1) alwaysKeep[id] = true;
    else if (first && first.length >= 2) alwaysKeep[id] = false;
    else if (first && first.length === 1) {
      alwaysKeep[id] = true;
      alternatives[id] = second ?? [];
    }
  }
  alwaysKeep[0] = false;

  let vsum = 0;
  const freq = new Float64Array(pieces.length);
  const inverted: number[][] = pieces.map(() => []);
  sentences.forEach((s, i) => {
    vsum += s.count;
    for (const id of viterbi(model.lattice(s.cps))) {
      freq[id]! += s.count;
      (inverted[id] as number[]).push(i);
    }
  });
  let sum = 0;
  for (const f of freq) sum += f;
  const logSum = Math.log(sum);
  const candidates: [number, number][] = [];
  const kept: Piece[] = [pieces[0] as Piece];
  for (let id = 1; id < pieces.length; id++) {
    const piece = pieces[id] as Piece;
    const alts = alternatives[id] as number[];
    if ((freq[id] as number) === 0 && !(alwaysKeep[id] as boolean)) continue;
    if (alts.length === 0) {
      kept.push([piece[0], piece[1]]);
      continue;
    }
    let f = 0;
    for (const n of inverted[id] as number[]) f += (sentences[n] as Sentence).count;
    if (f === 0 || Number.isNaN(f)) continue;
    f /= vsum;
    const fid = freq[id] as number;
    const logProbSp = Math.log(fid) - logSum;
    // Hugging Face uses the number of pieces here (`alternatives.len()`), not this piece's alternatives; we match it.
    const logSumAlt = Math.log(sum + fid * (pieces.length - 1));
    let logProbAlt = 0;
    for (const n of alts) logProbAlt += Math.log((freq[n] as number) + fid) - logSumAlt;
    candidates.push([id, f * (logProbSp - logProbAlt)]);
  }
  const desired = Math.floor((vocabSize * 11) / 10);
  const prunedSize = Math.max(desired, Math.floor(pieces.length * shrinkingFactor));
  candidates.sort((x, y) => y[1] - x[1]);
  for (const [id] of candidates) {
    if (kept.length === prunedSize) break;
    const piece = pieces[id] as Piece;
    kept.push([piece[0], piece[1]]);
  }
  return kept;
}

/**
 * Trains a Unigram model section from word counts: seed pieces from a suffix array, EM with digamma smoothing,
 * pruning by likelihood loss until the vocabulary fits, then every character added back.
 * @throws {TokenizerError} `INVALID_OPTION` for an invalid size or factor; `INVALID_INPUT` when no word was counted.
 * @see https://github.com/huggingface/tokenizers/blob/main/tokenizers/src/models/unigram/trainer.rs
 * @see Kudo (2018), "Subword Regularization", https://arxiv.org/abs/1804.10959
 */
export function trainUnigramModel(
  wordCounts: ReadonlyMap<string, number>,
  options: UnigramTrainerOptions = {},
  reporter: PhaseProgress = new PhaseProgress(options),
): UnigramModelJson {
  validate(options);
  const vocabSize = options.vocabSize ?? 8000;
  const nSub = options.nSubIterations ?? 2;
  const shrinking = options.shrinkingFactor ?? 0.75;
  const sentences: Sentence[] = [];
  for (const [text, count] of wordCounts) {
    sentences.push({
      text,
      count,
      cps: Int32Array.from([...text].map((c) => c.codePointAt(0) as number)),
    });
  }
  if (sentences.length === 0) {
    throw new TokenizerError(
      'INVALID_INPUT',
      'unigram trainer: no words to train on; pass non-empty texts',
    );
  }
  reporter.begin('seed', sentences.length);
  let pieces: Piece[] = [
    ['<UNK>', NaN],
    ...seedPieces(sentences, options.maxPieceLength ?? 16, options.seedSize ?? 1_000_000),
  ];
  reporter.end(sentences.length);

  const desired = Math.floor((vocabSize * 11) / 10);
  const expectedLoops =
    Math.floor((Math.log(desired) - Math.log(pieces.length)) / Math.log(shrinking)) + 1;
  const totalUpdates = Math.max(expectedLoops, 1) * nSub;
  const required: string[] = [];
  const seenChars = new Set<string>();
  for (const s of sentences) {
    for (const ch of s.text) {
      if (!seenChars.has(ch)) {
        seenChars.add(ch);
        required.push(ch);
      }
    }
  }
  for (const ch of options.initialAlphabet ?? []) {
    if (!seenChars.has(ch)) {
      seenChars.add(ch);
      required.push(ch);
    }
  }

  reporter.begin('em', totalUpdates);
  let model = new TrainingUnigram(pieces);
  let updates = 0;
  for (;;) {
    for (let iter = 0; iter < nSub; iter++) {
      pieces = mStep(pieces, eStep(model, sentences));
      model = new TrainingUnigram(pieces);
      reporter.tick(++updates, Math.max(totalUpdates, updates));
    }
    if (pieces.length <= desired) break;
    const pruned = prune(model, pieces, sentences, vocabSize, shrinking);
    // Hugging Face loops forever when pruning cannot shrink further (more characters than the target size).
    if (pruned.length >= pieces.length) break;
    pieces = pruned;
    model = new TrainingUnigram(pieces);
  }
  reporter.end(updates, Math.max(totalUpdates, updates));

  // Finalize: every character first (unseen by the model ones just below its lowest score), then the best pieces.
  const existing = new Map<string, number>();
  for (const [p, s] of pieces) existing.set(p, s);
  const inserted = new Set<string>(['<UNK>']);
  const finalPieces: Piece[] = [];
  let penalty = 0;
  for (const ch of required) {
    const score = existing.get(ch);
    inserted.add(ch);
    if (score !== undefined) finalPieces.push([ch, score]);
    else {
      finalPieces.push([ch, model.minScore + penalty]);
      penalty += 0.0001;
    }
  }
  for (const [p, s] of pieces) {
    if (inserted.has(p)) continue;
    inserted.add(p);
    finalPieces.push([p, Number.isNaN(s) ? 0 : s]);
    if (finalPieces.length === vocabSize) break;
  }
  finalPieces.sort((x, y) => y[1] - x[1]);

  const specials = [...(options.specialTokens ?? [])];
  let unkId: number | null = null;
  const unk = options.unkToken;
  if (unk !== undefined) {
    const at = specials.indexOf(unk);
    if (at >= 0) unkId = at;
    else {
      specials.unshift(unk);
      unkId = 0;
    }
  }
  reporter.finish();
  return {
    type: 'Unigram',
    unk_id: unkId,
    vocab: [...specials.map((t): Piece => [t, 0]), ...finalPieces],
    byte_fallback: false,
  };
}
