/**
 * The oracle: Hugging Face's Rust tokenizers through its official Node binding (npm `tokenizers`, a dev
 * dependency), and helpers to compare its encodings with ours.
 */
import { createRequire } from 'node:module';
import type * as HfModule from 'tokenizers';
import type { Encoding } from './types';

const require = createRequire(import.meta.url);
/** The binding's module. */
export const hf = require('tokenizers') as typeof HfModule;
export type HfTokenizer = HfModule.Tokenizer;
type HfEncoding = Awaited<ReturnType<HfTokenizer['encode']>>;

/** The oracle's encoding with offsets converted from code points (what it reports) to UTF-16 units. */
export interface Expected {
  ids: number[];
  tokens: string[];
  typeIds: number[];
  specialTokensMask: number[];
  attentionMask: number[];
  offsets: [number, number][];
  wordIds: (number | null)[];
}

/** Lone surrogates → U+FFFD, as the binding's string conversion does. */
export function wellFormed(s: string): string {
  return s.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

/** Code-point → UTF-16 index table of a string (length = code points + 1). */
export function cpToUnit(text: string): number[] {
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return map;
}

/**
 * Reads an oracle encoding. Offsets of sequence 0 index `text`, of sequence 1 `pair` (special tokens
 * and padding keep (0, 0)).
 */
export function fromOracle(e: HfEncoding, text: string, pair?: string): Expected {
  const seq = e.getSequenceIds();
  const special = e.getSpecialTokensMask();
  const m0 = cpToUnit(wellFormed(text));
  const m1 = pair === undefined ? m0 : cpToUnit(wellFormed(pair));
  const offsets = e.getOffsets().map(([a, b], i): [number, number] => {
    if (special[i] === 1 && a === 0 && b === 0) return [0, 0];
    const m = seq[i] === 1 ? m1 : m0;
    return [m[a!] ?? -1, m[b!] ?? -1];
  });
  return {
    ids: e.getIds(),
    tokens: e.getTokens(),
    typeIds: e.getTypeIds(),
    specialTokensMask: special,
    attentionMask: e.getAttentionMask(),
    offsets,
    wordIds: e.getWordIds().map((w) => w ?? null),
  };
}

/** The fields of our encoding that the oracle has. */
export function comparable(e: Encoding): Expected {
  return {
    ids: e.ids,
    tokens: e.tokens,
    typeIds: e.typeIds,
    specialTokensMask: e.specialTokensMask,
    attentionMask: e.attentionMask,
    offsets: e.offsets,
    wordIds: e.wordIds,
  };
}

/** First field where two encodings differ, or null. */
export function firstDiff(a: Expected, b: Expected): string | null {
  for (const k of Object.keys(a) as (keyof Expected)[]) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return k;
  }
  return null;
}
