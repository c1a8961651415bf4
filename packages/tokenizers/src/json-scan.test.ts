import { describe, expect, it } from 'vitest';
import { scanMergeList, scanPieceList, scanVocabObject, skipValue } from './json-scan';
import { randomUnicode } from './parity-corpus.test-helper';
import { mulberry32 } from '@nlpft/test-utils';

/** Keys with every kind of character JSON.stringify may escape, plus plain ones. */
function awkwardKeys(n: number): string[] {
  const r = mulberry32(5);
  const keys = new Set([
    '',
    ' ',
    '"',
    '\\',
    '\\"',
    'a b',
    '\u0000',
    '\n\t',
    '\u2028',
    '😀',
    '\ud800',
  ]);
  while (keys.size < n) keys.add(randomUnicode(r, 6));
  return [...keys];
}

describe('scanVocabObject', () => {
  const keys = awkwardKeys(400);
  const obj = Object.fromEntries(keys.map((k, i) => [k, i * 3]));

  it.each([
    ['compact', JSON.stringify(obj)],
    ['indented', JSON.stringify(obj, null, 2)],
    ['with odd whitespace', JSON.stringify(obj).replace(/,"/g, ' ,\r\n\t"').replace(/":/g, '" : ')],
    [
      'with \\u escapes',
      JSON.stringify(obj).replace(
        /[\u0080-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      ),
    ],
    ['empty', '{ }'],
    ['with a repeated key', '{"a":1,"b":2,"a":3}'],
  ])('reads %s text as JSON.parse does', (_, text) => {
    const expected = JSON.parse(text) as Record<string, number>;
    const r = scanVocabObject(`xx${text}yy`, 2);
    expect(r).not.toBeNull();
    expect(r!.end).toBe(2 + text.length);
    expect(Object.fromEntries(r!.table.entries())).toEqual(expected);
    for (const [k, v] of Object.entries(expected)) expect(r!.table.get(k)).toBe(v);
  });

  it.each([
    ['a float id', '{"a":1.0}'],
    ['an exponent', '{"a":1e2}'],
    ['a negative id', '{"a":-1}'],
    ['a leading zero', '{"a":01}'],
    ['a ten-digit id', '{"a":1234567890}'],
    ['a trailing comma', '{"a":1,}'],
    ['a raw control char', '{"a\u0001":1}'],
    ['a bad escape', '{"\\x":1}'],
    ['a missing colon', '{"a" 1}'],
    ['an unterminated object', '{"a":1'],
  ])('returns null for %s', (_, text) => {
    expect(scanVocabObject(text, 0)).toBeNull();
  });
});

describe('scanMergeList', () => {
  const side = (text: string, a: number, b: number, extra: string): string =>
    a >= 0 ? text.slice(a, b) : extra.slice(~a, ~b);

  it('reads strings and pairs, with escapes, as JSON.parse then split does', () => {
    const list = ['a b', 'Ġ t', '\\" \\\\', ['x y', 'z'], ['"', '😀']];
    const text = JSON.stringify(list, null, 1);
    const r = scanMergeList(text, 0)!;
    expect(r.end).toBe(text.length);
    const got: [string, string][] = [];
    for (let k = 0; k < r.merges.count; k++) {
      const q = r.merges.ranges.subarray(4 * k, 4 * k + 4);
      got.push([
        side(text, q[0]!, q[1]!, r.merges.extra),
        side(text, q[2]!, q[3]!, r.merges.extra),
      ]);
    }
    const expected = (JSON.parse(text) as (string | [string, string])[]).map((m) =>
      typeof m === 'string' ? (m.split(' ') as [string, string]) : m,
    );
    expect(got).toEqual(expected);
  });

  it.each([['"ab"'], ['"a b c"'], ['["a"]'], ['1'], ['"a b",']])(
    'returns null for the element %s',
    (el) => {
      expect(scanMergeList(`[${el}]`, 0)).toBeNull();
    },
  );
});

describe('scanPieceList', () => {
  it('reads pieces and scores as JSON.parse does, doubles bit for bit', () => {
    const r = mulberry32(9);
    const pieces = awkwardKeys(300).map((p, i): [string, number] => [
      p,
      i % 3 === 0 ? -r() * 20 : i % 3 === 1 ? Math.round(-r() * 1e6) : (r() - 0.5) * 1e-300,
    ]);
    // Exponent forms JSON.stringify never writes, in an element of its own.
    const text = `${JSON.stringify(pieces).slice(0, -1)},["zz", 0E+0 ],["zy",-12.5e-3]]`;
    const expected = JSON.parse(text) as [string, number][];
    const got = scanPieceList(text, 0)!;
    expect(got.end).toBe(text.length);
    expect(Array.from(got.pieces.scores)).toEqual(expected.map((p) => p[1]));
    expected.forEach(([p], id) => expect(got.pieces.table.token(id)).toBe(p));
  });

  it.each([
    ['a repeated piece', '[["a",1],["a",2]]'],
    ['a score with a bare dot', '[["a",1.]]'],
    ['a score with a plus sign', '[["a",+1]]'],
    ['a missing score', '[["a"]]'],
  ])('returns null for %s', (_, text) => {
    expect(scanPieceList(text, 0)).toBeNull();
  });
});

describe('skipValue', () => {
  it('finds the end of every kind of value', () => {
    for (const v of ['"a\\"b"', '{"a":[1,{"b":"}"}]}', '[]', 'true', '-1.5e3', 'null']) {
      expect(skipValue(`${v}, "next"`, 0)).toBe(v.length);
    }
    expect(skipValue('"open', 0)).toBe(-1);
    expect(skipValue('[1, 2', 0)).toBe(-1);
  });
});
