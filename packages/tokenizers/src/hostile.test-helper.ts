/**
 * Hostile inputs for the property suite: genuine `tokenizer.json` files with a few fields deleted or replaced
 * (wrong types, NaN, lone surrogates, nulls in lists), hostile texts (lone surrogates, combining-mark and emoji
 * runs, one long "word") and hostile option values. Every call must answer with a result or a `TokenizerError`
 * that has a code, within a time bound that grows with the input.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { TokenizerError } from './errors';
import type { Encoding } from './types';

export {
  HOSTILE_SEED as SEED,
  hostileScalar,
  mostly,
  optionsOf,
  sizeOf,
} from '@nlpft/test-utils/hostile';
import { HOSTILE_SEED as SEED, hostileScalar, sizeOf } from '@nlpft/test-utils/hostile';

const PIECES = [
  'the',
  'Hello',
  'world',
  '!',
  ' ',
  '  ',
  '\n',
  '\t',
  'é',
  'e\u0301',
  '猫',
  '\u0301',
  '\ud800',
  '\udc00',
  '😀',
  '👩‍👩‍👧',
  '\u200d',
  '\u061d',
  '[CLS]',
  '<s>',
  '</s>',
  '<|endoftext|>',
  '▁',
  'Ġ',
  '##',
];
/**
 * Text: words and specials of the fixtures' vocabularies, arbitrary UTF-16 (lone surrogates included),
 * graphemes, or a pathological run (one long word, emoji, combining marks, one repeated character).
 */
export const text: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((w) => w.join('')),
    weight: 4,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 2 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', 'ab', '😀', 'a\u0301', '\u0301', '中', '.'),
        fc.integer({ min: 1, max: 3000 }),
      )
      .map(([unit, n]) => unit.repeat(n)),
    weight: 1,
  },
);

/** Throws unless `e` is a `TokenizerError` with a string code (anything else is a finding). */
export function expectTyped(e: unknown): void {
  if (!(e instanceof TokenizerError) || typeof e.code !== 'string') throw e;
}

/** The first flaw of an encoding (parallel arrays of one length, integer ids, sane offsets), or undefined. */
function encodingFlaw(e: Encoding): string | undefined {
  const n = e.ids.length;
  for (const key of [
    'typeIds',
    'tokens',
    'offsets',
    'attentionMask',
    'specialTokensMask',
    'wordIds',
    'sequenceIds',
  ] as const)
    if (e[key].length !== n) return `${key} has ${e[key].length} entries, ids ${n}`;
  for (let i = 0; i < n; i++) {
    const id = e.ids[i]!;
    if (!(Number.isInteger(id) && id >= 0)) return `ids[${i}] is ${id}`;
    if (typeof e.tokens[i] !== 'string') return `tokens[${i}] is not a string`;
    const [start, end] = e.offsets[i]!;
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end))
      return `offsets[${i}] is [${start}, ${end}]`;
  }
  for (const o of e.overflowing) {
    const flaw = encodingFlaw(o);
    if (flaw !== undefined) return `overflowing: ${flaw}`;
  }
  return undefined;
}

/** Fails unless `x` is a well-formed encoding (checked without `expect` per token: windows hold thousands). */
export function expectEncoding(x: unknown): void {
  expect(encodingFlaw(x as Encoding)).toBeUndefined();
}

/**
 * Runs `call` on generated argument lists: it must return a result that passes `check` or throw a
 * `TokenizerError` with a code, in at most `baseMs + perUnitMs × size` milliseconds.
 */
export function assertHostile<A extends unknown[]>(
  call: (...args: A) => unknown,
  args: fc.Arbitrary<A>,
  {
    numRuns = 200,
    baseMs = 250,
    perUnitMs = 2,
    size = (a: A): number => sizeOf(a),
    check = (): void => undefined,
  }: {
    numRuns?: number;
    baseMs?: number;
    perUnitMs?: number;
    size?: (a: A) => number;
    check?: (result: unknown) => void;
  } = {},
): void {
  fc.assert(
    fc.property(args, (a) => {
      const started = performance.now();
      let result: unknown;
      let failed = false;
      try {
        result = call(...a);
      } catch (e) {
        expectTyped(e);
        failed = true;
      }
      const ms = performance.now() - started;
      if (!failed) check(result);
      expect(ms).toBeLessThan(baseMs + perUnitMs * size(a));
    }),
    { seed: SEED, numRuns },
  );
}

/** One change to a parsed tokenizer.json: where (choices of keys, level by level) and what. */
export interface Mutation {
  path: number[];
  op: 'delete' | 'replace' | 'push';
  value: unknown;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  op: fc.constantFrom('delete', 'replace', 'replace', 'push'),
  value: fc.oneof(hostileScalar, fc.constantFrom({ type: 'Nope' }, { type: 'Sequence' })),
});

/**
 * Applies `m` to `json` without touching it: the containers along the path are copied, the rest is shared.
 * Returns the copy and the JSON path it changed (for the failure message).
 */
export function mutate(json: unknown, m: Mutation): { json: unknown; at: string } {
  let at = '';
  const step = (node: unknown, depth: number): unknown => {
    if (node === null || typeof node !== 'object') return m.value;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    const copy = (
      Array.isArray(node) ? [...(node as unknown[])] : { ...(node as Record<string, unknown>) }
    ) as Record<string | number, unknown>;
    const last = depth === m.path.length - 1 || keys.length === 0;
    if (last && m.op === 'push') {
      if (Array.isArray(copy)) copy.push(m.value);
      else copy['hostile'] = m.value;
      at += Array.isArray(copy) ? '[+]' : '.hostile';
      return copy;
    }
    if (keys.length === 0) return m.value;
    const key = keys[m.path[depth]! % keys.length]!;
    at += typeof key === 'number' ? `[${key}]` : `.${key}`;
    if (last) {
      if (m.op === 'delete' && !Array.isArray(copy)) delete copy[key];
      else copy[key] = m.value;
      return copy;
    }
    copy[key] = step(copy[key], depth + 1);
    return copy;
  };
  return { json: step(json, 0), at };
}
