import { describe, expect, it } from 'vitest';
import { HASH_SEED, VocabTable, VocabTableBuilder, hashRange } from './vocab-table';
import { randomUnicode } from './parity-corpus.test-helper';
import { mulberry32 } from '@nlpft/test-utils';

describe('VocabTable', () => {
  const r = mulberry32(11);
  const keys = new Set<string>();
  while (keys.size < 5000) keys.add(randomUnicode(r, 8));
  const map = new Map([...keys].map((k, i) => [k, i * 2] as const));
  const table = VocabTable.fromMap(map);

  it('answers get, token, size and entries as the Map it was built from', () => {
    expect(table.size).toBe(map.size);
    for (const [k, v] of map) {
      expect(table.get(k)).toBe(v);
      expect(table.token(v)).toBe(k);
    }
    expect(table.get('\u0000not-a-key')).toBeUndefined();
    expect(table.token(1)).toBeUndefined();
    expect(table.token(-1)).toBeUndefined();
    expect(table.token(1.5)).toBeUndefined();
    expect(table.entries()).toEqual([...map]);
    expect(table.maxKeyLength).toBe(Math.max(...[...keys].map((k) => k.length)));
  });

  it('finds a key given as a prefix plus a range of another string', () => {
    const t = VocabTable.fromMap(new Map([['##ing', 7]]));
    const word = 'walking';
    const h = hashRange(word, 4, 7, hashRange('##', 0, 2, HASH_SEED));
    expect(t.find(h, '##', 0, 2, word, 4, 7)).toBe(7);
    expect(t.find(hashRange(word, 3, 7, HASH_SEED), '', 0, 0, word, 3, 7)).toBe(-1);
  });

  it('keeps the last id of a repeated key (JSON objects) or the first (Unigram pieces)', () => {
    const text = '"a""b""a"';
    for (const keep of ['last', 'first'] as const) {
      const b = new VocabTableBuilder(text);
      b.addRange(1, 1, hashRange(text, 1, 2, HASH_SEED), 0);
      b.addRange(4, 1, hashRange(text, 4, 5, HASH_SEED), 1);
      b.addRange(7, 1, hashRange(text, 7, 8, HASH_SEED), 2);
      const t = b.build(keep);
      expect(t.size).toBe(2);
      // As a plain object built from the same entries does (last) / as Map#has-guarded sets do (first).
      expect(t.get('a')).toBe(keep === 'last' ? 2 : 0);
      expect(t.token(keep === 'last' ? 2 : 0)).toBe('a');
      expect(t.token(keep === 'last' ? 0 : 2)).toBeUndefined();
    }
  });

  it('mixes keys from the text and decoded strings, and sparse ids', () => {
    const text = 'xyz';
    const b = new VocabTableBuilder(text);
    b.addRange(0, 2, hashRange(text, 0, 2, HASH_SEED), 3);
    b.addString('q"', 2 ** 30);
    const t = b.build('last');
    expect(t.get('xy')).toBe(3);
    expect(t.get('q"')).toBe(2 ** 30);
    expect(t.token(2 ** 30)).toBe('q"');
    expect(t.entries()).toEqual([
      ['xy', 3],
      ['q"', 2 ** 30],
    ]);
    const ones = t.singleUnitIds();
    expect(ones.every((x) => x === -1)).toBe(true);
  });
});
