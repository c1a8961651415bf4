// Test helper: the README's adapter from the Hugging Face `tokenizers` binding to TokenizerLike. The binding's
// encode is async, so the adapter encodes the texts it will be asked for up front (one encodeBatch call).
import type { Tokenizer as HfTokenizer } from 'tokenizers';
import type { Offset, TokenizerLike, TokenSequence } from './types';

/** Code-point offsets (what the binding returns) to UTF-16 offsets (what JS strings index). */
export function utf16Offsets(text: string, offsets: readonly (readonly number[])[]): Offset[] {
  const at: number[] = [0];
  for (const ch of text) at.push(at[at.length - 1]! + ch.length);
  return offsets.map(([s, e]) => [at[s!]!, at[e!]!] as const);
}

export async function hfTokenizerLike(
  hf: HfTokenizer,
  texts: Iterable<string>,
): Promise<TokenizerLike> {
  const unique = [...new Set(texts)];
  const encodings = await hf.encodeBatch(unique, { addSpecialTokens: false });
  const cache = new Map<string, TokenSequence>();
  unique.forEach((text, i) => {
    const e = encodings[i]!;
    cache.set(text, { ids: e.getIds(), offsets: utf16Offsets(text, e.getOffsets()) });
  });
  return {
    encode(text) {
      const hit = cache.get(text);
      if (!hit) throw new Error(`hfTokenizerLike: ${JSON.stringify(text)} was not pre-encoded`);
      return hit;
    },
    tokenToId: (token) => hf.tokenToId(token),
  };
}
