import { describe, expect, it } from 'vitest';
import { IntPairTable } from './int-pair-table';
import { mulberry32 } from '@nlpft/test-utils';

describe('IntPairTable', () => {
  it('agrees with a Map keyed by the pair on 50k random pairs, across growth', () => {
    const r = mulberry32(3);
    const table = new IntPairTable(4);
    const ref = new Map<string, number>();
    let wrongStores = 0;
    for (let i = 0; i < 50_000; i++) {
      // Large ids too: a * span + b would pass 2^31 here.
      const a = Math.floor(r() * (i % 2 === 0 ? 300 : 2 ** 31 - 1));
      const b = Math.floor(r() * 300);
      const stored = table.setIfAbsent(a, b, i);
      const key = `${a},${b}`;
      if (stored === ref.has(key)) wrongStores++;
      if (!ref.has(key)) ref.set(key, i);
    }
    expect(wrongStores).toBe(0);
    expect(table.size).toBe(ref.size);
    const got = [...ref.keys()].map((k) => {
      const [a, b] = k.split(',').map(Number) as [number, number];
      return table.get(a, b);
    });
    expect(got).toEqual([...ref.values()]);
    let found = 0;
    for (let i = 0; i < 1000; i++) {
      const a = 1000 + Math.floor(r() * 1000);
      const b = 1000 + Math.floor(r() * 1000);
      if (!ref.has(`${a},${b}`) && table.get(a, b) !== -1) found++;
    }
    expect(found).toBe(0);
  });

  it('keeps the first value of a repeated pair', () => {
    const t = new IntPairTable();
    expect(t.setIfAbsent(0, 0, 5)).toBe(true);
    expect(t.setIfAbsent(0, 0, 7)).toBe(false);
    expect(t.get(0, 0)).toBe(5);
    expect(t.get(0, 1)).toBe(-1);
  });
});
