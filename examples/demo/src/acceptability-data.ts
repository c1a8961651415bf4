import type { ChoiceQuestion } from '@nlpft/training';
import { SeededRng } from '@nlpft/training';
import type { Tokenizer } from '@nlpft/tokenizers';

/** A real sentence and its corrupted twin (same words, a local change of order). */
export interface AcceptabilityPair {
  real: string;
  corrupted: string;
}

/** The similar task's splits: training sets per size (prefixes of one pool) and a test set, as 2-way questions. */
export interface AcceptabilitySplits {
  train: Map<number, ChoiceQuestion[]>;
  test: ChoiceQuestion[];
  /** The test pairs, for the report's examples. */
  testPairs: AcceptabilityPair[];
}

/** Sentences and clauses of a paragraph: split after . ! ? before a capital or a quote, and after ; or :. */
function sentencesOf(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?])\s+(?=[A-Z"'])|(?<=[;:])\s+/);
}

/**
 * The same words with a local change of order, never touching the first word (its capital) or the last (its
 * full stop), so that only word order tells them apart: two swaps of adjacent words, or a shuffle of a 4-word
 * window, chosen at random. Returns undefined when the change leaves the sentence as it was.
 */
function corrupt(words: readonly string[], rng: SeededRng): string | undefined {
  const w = [...words];
  const inner = w.length - 2; // positions 1 … length − 2 may move
  if (rng.int(2) === 0) {
    for (let k = 0; k < 2; k++) {
      const at = 1 + rng.int(inner - 1);
      [w[at], w[at + 1]] = [w[at + 1]!, w[at]!];
    }
  } else {
    const at = 1 + rng.int(inner - 3);
    const window = rng.shuffle(w.slice(at, at + 4));
    w.splice(at, 4, ...window);
  }
  const out = w.join(' ');
  return out === words.join(' ') ? undefined : out;
}

/**
 * Acceptability as a two-way choice: which of two sentences is the real one (CoLA-like; a bag of words cannot
 * tell them apart by construction). Sentences (or clauses after ; and :) of 6–30 words that fit `maxTokens` come from `heldOut` — documents
 * never used in pre-training —, shuffled, the first `testSize` for the test and the rest for training (different
 * sentences, possibly of one paragraph); the real sentence's position is drawn at random; every shuffle is seeded.
 * @throws {Error} when the held-out text has too few sentences for the sizes asked for.
 */
export function acceptabilitySplits(
  heldOut: readonly string[],
  tokenizer: Tokenizer,
  options: { sizes: readonly number[]; testSize: number; maxTokens: number },
): AcceptabilitySplits {
  const rng = new SeededRng(2026);
  const pairsOf = (paragraphs: readonly string[]): AcceptabilityPair[] => {
    const out: AcceptabilityPair[] = [];
    for (const p of paragraphs)
      for (const s of sentencesOf(p)) {
        const words = s.split(' ').filter((x) => x.length > 0);
        if (words.length < 6 || words.length > 30) continue;
        const tokens = tokenizer.encode(s, null, { addSpecialTokens: false }).ids.length;
        if (tokens > options.maxTokens) continue;
        const corrupted = corrupt(words, rng);
        if (corrupted !== undefined) out.push({ real: words.join(' '), corrupted });
      }
    return rng.shuffle(out);
  };
  const all = pairsOf(heldOut);
  const testPairs = all.slice(0, options.testSize);
  const pool = all.slice(options.testSize);
  const largest = Math.max(...options.sizes);
  if (pool.length < largest || testPairs.length < options.testSize)
    throw new Error(
      `the held-out text gives ${all.length} sentences; the plan needs ${largest} for training and ${options.testSize} for the test (raise corpusChars)`,
    );
  const question = (p: AcceptabilityPair): ChoiceQuestion => {
    const label = rng.int(2);
    return { choices: label === 0 ? [p.real, p.corrupted] : [p.corrupted, p.real], label };
  };
  const trainQuestions = pool.slice(0, largest).map(question);
  return {
    train: new Map(options.sizes.map((n) => [n, trainQuestions.slice(0, n)])),
    test: testPairs.map(question),
    testPairs,
  };
}
