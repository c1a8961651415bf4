import { createRng, punctuation, typoKeyboard } from '@nlpft/behavior';
import type { Perturbation } from '@nlpft/behavior';

/** A perturbation of the robustness study, applied word by word. */
export interface WordPerturbation {
  name: string;
  description: string;
  /** What happens to one chosen word (`@nlpft/behavior`'s perturbations; `null` leaves it as it was). */
  perturbation: Perturbation;
  /** Share of words chosen. */
  rate: number;
}

/** The perturbations of the robustness study: the lecture's typos and punctuation. */
export const WORD_PERTURBATIONS: readonly WordPerturbation[] = [
  {
    name: 'typos',
    description:
      'one keyboard typo (a letter replaced by a QWERTY neighbour, `typoKeyboard`) in 20% of the words',
    perturbation: typoKeyboard,
    rate: 0.2,
  },
  {
    name: 'punctuation',
    description:
      '20% of the words lose their closing . ! ? or gain a full stop (`punctuation`), so sentence ends move',
    perturbation: (text) => punctuation(text),
    rate: 0.2,
  },
];

/** FNV-1a of a string: the word's own seed, so the same word is perturbed the same way wherever it appears. */
function wordSeed(word: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The text with `p` applied to a share `p.rate` of its whitespace-separated words, each word deciding from a
 * generator seeded by the word itself (and `seed`): equal words change equally, so two sentences made of the same
 * words (the similar task's real sentence and its reordered twin) stay the same words and the answer stays the
 * same. Whitespace is kept as it was.
 * @example perturbWords('the cat sat', WORD_PERTURBATIONS[0]!) // e.g. 'the cst sat'
 */
export function perturbWords(text: string, p: WordPerturbation, { seed = 0 } = {}): string {
  return text.replace(/\S+/g, (word) => {
    const rng = createRng(wordSeed(word, seed));
    // First draw: is the word chosen; the rest drive the perturbation.
    return rng() < p.rate ? (p.perturbation(word, rng) ?? word) : word;
  });
}
