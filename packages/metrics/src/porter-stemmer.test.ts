import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { porterStem } from './porter-stemmer';

// Made by scripts/gen-porter-cases.py with Debian's python3-nltk 3.8 (the NLTK rouge-score was checked with).
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/porter-nltk.json', import.meta.url), 'utf8'),
) as { reference: string; cases: { word: string; stem: string }[] };

describe('porterStem', () => {
  it(`matches ${fixture.reference} on ${fixture.cases.length} words covering every rule`, () => {
    const wrong = fixture.cases.filter((c) => porterStem(c.word) !== c.stem);
    expect(wrong.map((c) => `${c.word}: ${porterStem(c.word)} != ${c.stem}`)).toEqual([]);
  });

  it('keeps words of two letters or fewer, lowercased', () => {
    expect(porterStem('As')).toBe('as');
  });
});
