import { describe, expect, it } from 'vitest';
import { readFixtureTokenizer } from '@nlpft/test-utils';
import { Tokenizer } from './tokenizer';
import { EDGE_CASES, parityCorpus } from './parity-corpus.test-helper';
import { comparable, firstDiff, fromOracle, hf } from './oracle.test-helper';
import type { TokenizerJson } from './types';

const texts = [...EDGE_CASES, ...parityCorpus(40), 'this is the test', 'is  the   thing'];

/** Differences from the oracle over `texts` (empty when every encoding matches). */
async function diffsFromOracle(json: TokenizerJson): Promise<string[]> {
  const text = JSON.stringify(json);
  const ours = Tokenizer.fromString(text);
  const oracle = hf.Tokenizer.fromString(text);
  const diffs: string[] = [];
  for (const t of texts) {
    const expected = fromOracle(await oracle.encode(t), t);
    const diff = firstDiff(expected, comparable(ours.encode(t)));
    if (diff !== null) diffs.push(`${JSON.stringify(t).slice(0, 60)}: ${diff}`);
  }
  return diffs;
}

describe('model variants against the Hugging Face Rust tokenizers', () => {
  const phi3 = JSON.parse(readFixtureTokenizer('phi-3-mini-4k-instruct')) as TokenizerJson;

  it('whole-line BPE (no pre-tokenizer) cut at word starts: same encodings as the oracle', async () => {
    expect(await diffsFromOracle(phi3)).toEqual([]);
  });

  it('whole-line BPE with a merge across a word start (not cut): same encodings as the oracle', async () => {
    // "s" + "▁" joins across the word start after "is": the line must merge as one word.
    const vocab = { ...(phi3.model.vocab as Record<string, number>), 's▁': 32100 };
    const merges = ['s ▁', ...(phi3.model.merges as string[])];
    const json = { ...phi3, model: { ...phi3.model, vocab, merges } };
    const diffs = await diffsFromOracle(json);
    expect(diffs).toEqual([]);
    const tok = Tokenizer.fromJSON(json);
    expect(tok.encode('this is the test').tokens).toContain('s▁');
  });

  it('Unigram with byte fallback: same encodings as the oracle on unknown characters', async () => {
    const t5 = JSON.parse(readFixtureTokenizer('t5-small')) as TokenizerJson;
    const pieces = t5.model.vocab as [string, number][];
    const bytes = Array.from({ length: 256 }, (_, b): [string, number] => [
      `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`,
      -20,
    ]);
    // Added tokens keep their ids after the pieces; byte pieces go after them.
    const json = {
      ...t5,
      added_tokens: [],
      model: { ...t5.model, byte_fallback: true, vocab: [...pieces, ...bytes] },
    };
    expect(await diffsFromOracle(json)).toEqual([]);
    expect(
      Tokenizer.fromJSON(json)
        .encode('中')
        .tokens.some((t) => t.startsWith('<0x')),
    ).toBe(true);
  });
});
