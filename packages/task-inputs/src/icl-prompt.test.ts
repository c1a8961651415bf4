import { describe, expect, it } from 'vitest';
import { iclPrompt } from './icl-prompt';
import { inlineTokenizer } from './inline-tokenizer.test-helper';

const demonstrations = [
  { input: 'great movie', output: 'positive' },
  { input: 'boring plot', output: 'negative' },
  { input: 'loved it', output: 'positive' },
  { input: 'waste of time', output: 'negative' },
  { input: 'superb acting', output: 'positive' },
];
const query = { input: 'dull film' };

describe('iclPrompt', () => {
  it('renders instruction, demonstrations and query in the given order', () => {
    const tok = inlineTokenizer();
    const p = iclPrompt(tok, {
      instruction: 'Classify sentiment.',
      demonstrations,
      query,
      k: 2,
      order: 'given',
    });
    expect(p.text).toBe(
      'Classify sentiment.\n\nInput: great movie\nOutput: positive\n\nInput: boring plot\nOutput: negative\n\nInput: dull film\nOutput:',
    );
    expect(p.ids).toEqual(tok.encode(p.text).ids);
    expect([p.used, p.dropped]).toEqual([[0, 1], []]);
  });

  it('draws and orders demonstrations by seed, repeatably', () => {
    const tok = inlineTokenizer();
    const a = iclPrompt(tok, { demonstrations, query, k: 3, seed: 7 });
    expect(iclPrompt(tok, { demonstrations, query, k: 3, seed: 7 })).toEqual(a);
    expect(new Set(a.used).size).toBe(3);
    const orders = new Set(
      [0, 1, 2, 3, 4, 5, 6, 7].map((seed) =>
        iclPrompt(tok, { demonstrations, query, k: 3, seed }).used.join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(4);
  });

  it('drops the demonstrations farthest from the query to fit the budget, exactly at the limit', () => {
    const tok = inlineTokenizer();
    // Word-level tokens: instruction 2, each demonstration 5 ("Input: x y Output: z"), query 4 ("Input: dull film Output:").
    const base = {
      instruction: 'Classify sentiment.',
      demonstrations: demonstrations.slice(0, 3),
      query,
      order: 'given' as const,
    };
    const at16 = iclPrompt(tok, { ...base, maxTokens: 2 + 4 + 2 * 5 });
    expect([at16.ids.length, at16.used, at16.dropped]).toEqual([16, [1, 2], [0]]);
    const at15 = iclPrompt(tok, { ...base, maxTokens: 15 });
    expect([at15.ids.length, at15.used, at15.dropped]).toEqual([11, [2], [0, 1]]);
    expect(at15.text.endsWith('Input: dull film\nOutput:')).toBe(true);
    const all = iclPrompt(tok, { ...base, maxTokens: 21 });
    expect([all.ids.length, all.dropped]).toEqual([21, []]);
    const none = iclPrompt(tok, { ...base, maxTokens: 6 });
    expect([none.text, none.used]).toEqual([
      'Classify sentiment.\n\nInput: dull film\nOutput:',
      [],
    ]);
  });

  it('PROMPT_TOO_LONG when the query and instruction alone exceed the budget', () => {
    const tok = inlineTokenizer();
    expect(() =>
      iclPrompt(tok, { instruction: 'Classify sentiment.', demonstrations, query, maxTokens: 5 }),
    ).toThrow(expect.objectContaining({ code: 'PROMPT_TOO_LONG' }));
  });

  it('INVALID_OPTION for a missing template field or k beyond the pool', () => {
    const tok = inlineTokenizer();
    expect(() => iclPrompt(tok, { demonstrations, query: { text: 'x' } })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => iclPrompt(tok, { demonstrations, query, k: 6 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
