// A toy language with a learnable structure and a keyword task on it, shared by the pipeline tests of
// @nlpft/training and the command tests of @nlpft/cli, so both train in well under a second.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ADJECTIVES = ['big', 'small', 'red', 'old', 'happy'];
const NOUNS = ['cat', 'dog', 'bird', 'fish', 'horse'];
const VERBS = ['sees', 'likes', 'chases', 'finds'];

/** A small linear congruential generator (glibc's constants): the same sentences on every run. */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

const pick = (r: (n: number) => number, words: readonly string[]): string =>
  words[r(words.length)]!;

function sentence(r: (n: number) => number, adjective = pick(r, ADJECTIVES)): string {
  return `the ${adjective} ${pick(r, NOUNS)} ${pick(r, VERBS)} the ${pick(r, NOUNS)} .`;
}

/**
 * `n` sentences "the ADJ NOUN VERB the NOUN ." of a 5 + 5 + 4 word grammar: a language model can learn that "the"
 * starts every sentence and "." ends it, so held-out perplexity falls fast from the vocabulary size.
 */
export function toyCorpus(n: number, seed: number): string[] {
  const r = lcg(seed);
  return Array.from({ length: n }, () => sentence(r));
}

/** Alternating examples: label 1 when the adjective is "red" (the keyword), 0 for any other adjective. */
export function keywordTask(n: number, seed: number): { text: string; label: number }[] {
  const r = lcg(seed);
  const others = ADJECTIVES.filter((a) => a !== 'red');
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? { text: sentence(r, 'red'), label: 1 }
      : { text: sentence(r, pick(r, others)), label: 0 },
  );
}

/** The text and options a WordPiece tokenizer for the toy language is trained on (whole words + specials). */
export const TOY_WORDPIECE = {
  corpus: toyCorpus(200, 7),
  options: { vocabSize: 60, minFrequency: 1 },
} as const;

/** A tiny transformer size (`TinyModelConfig`): hidden 16, 1 layer, 2 heads, blocks of 16 tokens, no dropout. */
export const TINY = {
  hidden: 16,
  layers: 1,
  heads: 2,
  intermediate: 32,
  blockSize: 16,
  dropout: 0,
} as const;

/** A fresh temporary folder. */
export function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'nlpft-pipeline-'));
}
