// Test helper: a word-level tokenizer written inline (ids from a growing vocabulary, UTF-16 offsets), so expected
// sequences in tests can be read off the words.
import type { TokenizerLike } from './types';

export interface InlineTokenizer extends TokenizerLike {
  render(ids: readonly number[]): string;
}

export function inlineTokenizer(
  specials: readonly string[] = ['<pad>', '_start_', '_delimiter_', '_classify_'],
): InlineTokenizer {
  const vocab = new Map<string, number>(specials.map((s, i) => [s, i]));
  const words: string[] = [...specials];
  const idOf = (w: string): number => {
    let id = vocab.get(w);
    if (id === undefined) {
      id = words.length;
      vocab.set(w, id);
      words.push(w);
    }
    return id;
  };
  return {
    encode(text) {
      const ids: number[] = [];
      const offsets: [number, number][] = [];
      for (const m of text.matchAll(/\S+/g)) {
        ids.push(idOf(m[0]));
        offsets.push([m.index, m.index + m[0].length]);
      }
      return { ids, offsets };
    },
    tokenToId: (t) => vocab.get(t),
    render: (ids) => ids.map((i) => words[i] ?? `#${i}`).join(' '),
  };
}
