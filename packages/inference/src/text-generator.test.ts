import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@nlpft/tokenizers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from './create-session';
import type { InferenceModel } from './create-session';
import { TextGenerator } from './text-generator';
import {
  fixturesDir,
  fixtureModel,
  fullVocabTokenizer,
  recipeReference,
  refCase,
  wordTokenizer,
} from './test-fixtures';

/** A real @nlpft/tokenizers WordLevel tokenizer over vocab.json: 121 entries for the model's 1000 output rows. */
function wordLevelTokenizer(): Tokenizer {
  const words = JSON.parse(readFileSync(join(fixturesDir, 'vocab.json'), 'utf8')) as string[];
  return Tokenizer.fromJSON({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: null,
    decoder: null,
    model: {
      type: 'WordLevel',
      vocab: Object.fromEntries(words.map((w, i) => [w, i])),
      unk_token: '[UNK]',
    },
  });
}

let plain: InferenceModel;
let cached: InferenceModel;
beforeAll(async () => {
  plain = await createSession(fixtureModel('gpt2-tiny'));
  cached = await createSession(fixtureModel('gpt2-tiny-with-past'));
});
afterAll(async () => {
  await Promise.all([plain.dispose(), cached.dispose()]);
});

const noStop = { stopTokenIds: [] as number[] };

describe('TextGenerator', () => {
  it.each(refCase('gpt2_greedy').generations.map((g) => [g.prompt, g] as const))(
    'greedy tokens for %j equal PyTorch, with and without the KV cache',
    async (_, g) => {
      const n = refCase('gpt2_greedy').max_new_tokens;
      const withoutCache = new TextGenerator(plain, fullVocabTokenizer());
      const withCache = new TextGenerator(cached, fullVocabTokenizer());
      expect(withCache.hasCache).toBe(true);
      const a = await withoutCache.generateIds(g.prompt_ids, { maxNewTokens: n, ...noStop });
      const b = await withCache.generateIds(g.prompt_ids, { maxNewTokens: n, ...noStop });
      const c = await withCache.generateIds(g.prompt_ids, {
        maxNewTokens: n,
        useCache: false,
        ...noStop,
      });
      expect(a.ids).toEqual(g.greedy_ids);
      expect(b.ids).toEqual(g.greedy_ids);
      expect(c.ids).toEqual(g.greedy_ids);
      expect(a.finishReason).toBe('length');
    },
  );

  it('seeded sampling is reproducible and the same with and without the cache', async () => {
    const gen = new TextGenerator(cached, fullVocabTokenizer());
    const opts = {
      maxNewTokens: 10,
      doSample: true,
      temperature: 1.3,
      topK: 40,
      topP: 0.95,
      seed: 7,
      ...noStop,
    };
    const a = await gen.generate('the cat', opts);
    const b = await gen.generate('the cat', opts);
    const c = await gen.generate('the cat', { ...opts, useCache: false });
    const d = await gen.generate('the cat', { ...opts, seed: 8 });
    expect(a.ids).toEqual(b.ids);
    expect(a.ids).toEqual(c.ids);
    expect(d.ids).not.toEqual(a.ids);
  });

  it('top-k 1 sampling equals greedy', async () => {
    const gen = new TextGenerator(cached, fullVocabTokenizer());
    const greedy = await gen.generate('who lived in the', { maxNewTokens: 8, ...noStop });
    const k1 = await gen.generate('who lived in the', {
      maxNewTokens: 8,
      doSample: true,
      topK: 1,
      seed: 3,
      ...noStop,
    });
    expect(k1.ids).toEqual(greedy.ids);
  });

  it('stops at a stop token (excluded) and at a stop string (text cut before it)', async () => {
    const g = refCase('gpt2_greedy').generations[1]!; // 'the cat' -> [261, 261, 569, ...]
    const gen = new TextGenerator(cached, fullVocabTokenizer());
    const r = await gen.generateIds(g.prompt_ids, { maxNewTokens: 12, stopTokenIds: [569] });
    expect(r.ids).toEqual([261, 261]);
    expect(r.finishReason).toBe('stop');
    const s = await gen.generateIds(g.prompt_ids, {
      maxNewTokens: 12,
      stopStrings: ['<569>'],
      ...noStop,
    });
    expect(s.ids).toEqual([261, 261, 569]);
    expect(s.text).toBe('<261> <261> ');
  });

  it('repetition penalty changes greedy output away from repeats', async () => {
    const g = refCase('gpt2_greedy').generations[0]!; // greedy repeats token 72
    const gen = new TextGenerator(cached, fullVocabTokenizer());
    const r = await gen.generateIds(g.prompt_ids, {
      maxNewTokens: 6,
      repetitionPenalty: 5,
      ...noStop,
    });
    expect(new Set(r.ids).size).toBeGreaterThan(1);
  });

  it('streams tokens as an async iterator and returns the result', async () => {
    const gen = new TextGenerator(cached, fullVocabTokenizer());
    const it = gen.stream('the cat', { maxNewTokens: 5, ...noStop });
    const seen: number[] = [];
    let text = '';
    let step = await it.next();
    while (!step.done) {
      seen.push(step.value.id);
      text += step.value.text;
      step = await it.next();
    }
    expect(seen).toEqual(step.value.ids);
    expect(text).toBe(step.value.text);
    expect(seen).toEqual(refCase('gpt2_greedy').generations[1]!.greedy_ids.slice(0, 5));
  });

  it('stops at the model positions with finishReason length', async () => {
    const gen = new TextGenerator(cached, fullVocabTokenizer());
    const r = await gen.generateIds(
      Array.from({ length: 60 }, () => 5),
      { maxNewTokens: 50, ...noStop },
    );
    expect(r.ids).toHaveLength(4);
    expect(r.finishReason).toBe('length');
  });

  it('throws MISSING_INPUT listing the inputs for useCache on a model without past_key_values', async () => {
    const gen = new TextGenerator(plain, fullVocabTokenizer());
    await expect(gen.generate('the cat', { useCache: true })).rejects.toThrow(
      expect.objectContaining({
        code: 'MISSING_INPUT',
        message: expect.stringContaining('input_ids, attention_mask, position_ids'),
      }),
    );
  });

  it('throws UNSUPPORTED_MODEL when the KV cache shape is symbolic and config.json does not give it', () => {
    const strip = (shape: readonly (number | string)[]): (number | string)[] =>
      shape.map((d, i) => (typeof d === 'number' ? `d${i}` : d));
    const symbolic = {
      ...cached,
      run: cached.run.bind(cached),
      inputs: cached.inputs.map((i) => ({ ...i, shape: strip(i.shape) })),
      config: undefined,
      io: cached.io,
      outputs: cached.outputs,
      provider: cached.provider,
    };
    expect(() => new TextGenerator(symbolic, fullVocabTokenizer())).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_MODEL',
        message: expect.stringContaining('past_key_values.0.key'),
      }),
    );
  });

  it('throws SEQUENCE_TOO_LONG for a prompt longer than n_positions and INVALID_OPTION for bad sampling options', async () => {
    const gen = new TextGenerator(cached, fullVocabTokenizer());
    await expect(gen.generateIds(Array.from({ length: 70 }, () => 5))).rejects.toThrow(
      expect.objectContaining({ code: 'SEQUENCE_TOO_LONG' }),
    );
    await expect(gen.generate('the cat', { doSample: true, topP: 0 })).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringContaining('topP') }),
    );
  });

  describe('a model whose output vocabulary is larger than the tokenizer (padded vocab_size)', () => {
    const ref = recipeReference().greedy_vocab;

    it('the fixture reproduces the bug: unmasked greedy picks ids the 121-entry tokenizer cannot decode', () => {
      const tok = wordLevelTokenizer();
      expect(tok.getVocabSize(true)).toBe(ref.tokenizer_vocab_size);
      expect(ref.model_vocab_size).toBe(1000);
      const past = ref.generations.flatMap((g) => g.unmasked_ids).find((i) => i >= 121);
      expect(past).toBeDefined();
      expect(() => tok.decode([past as number])).toThrow(
        expect.objectContaining({ code: 'ID_OUT_OF_RANGE' }),
      );
    });

    it.each(ref.generations.map((g) => [g.prompt, g] as const))(
      'greedy for %j with @nlpft/tokenizers equals PyTorch greedy with ids >= 121 suppressed',
      async (prompt, g) => {
        const tok = wordLevelTokenizer();
        expect(tok.encode(prompt).ids).toEqual(g.prompt_ids);
        for (const model of [plain, cached]) {
          const r = await new TextGenerator(model, tok).generate(prompt, {
            maxNewTokens: ref.max_new_tokens,
            ...noStop,
          });
          expect(r.ids).toEqual(g.greedy_ids);
          expect(r.text).toBe(tok.decode(g.greedy_ids, { skipSpecialTokens: true }));
        }
      },
    );

    it('sampling never picks an id past the tokenizer vocabulary', async () => {
      const gen = new TextGenerator(cached, wordTokenizer('gpt'));
      const r = await gen.generate('the cat', {
        maxNewTokens: 40,
        doSample: true,
        temperature: 2,
        seed: 1,
        ...noStop,
      });
      expect(r.ids).toHaveLength(40);
      expect(Math.max(...r.ids)).toBeLessThan(121);
    });
  });
});
