const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Internal: the text's grapheme clusters (what a reader sees as one character). Perturbations edit whole clusters,
 * so they never split a surrogate pair, an accent from its letter or an emoji sequence.
 */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Internal: whether a grapheme cluster starts with a letter. */
export function isLetter(grapheme: string): boolean {
  return /^\p{L}/u.test(grapheme);
}
