import { readFixtureTokenizer } from '@nlpft/test-utils';
import tokenizers from 'tokenizers';
import { describe, expect, it } from 'vitest';
import { hfTokenizerLike } from './hf-adapter.test-helper';
import { templateFromPostProcessor } from './pair-template';
import { qaAnswerSpan, qaFeatures } from './qa-features';
import { seededRandom, WORDS } from './random-text.test-helper';
import type { TokenizerLike } from './types';

const { Tokenizer } = tokenizers;

function load(model: string): {
  hf: InstanceType<typeof Tokenizer>;
  template: ReturnType<typeof templateFromPostProcessor>;
} {
  const json = readFixtureTokenizer(model);
  return {
    hf: Tokenizer.fromString(json),
    template: templateFromPostProcessor(
      (JSON.parse(json) as { post_processor: unknown }).post_processor,
    ),
  };
}

interface QaCase {
  question: string;
  context: string;
  start: number;
  end: number;
}

/** Contexts of random multilingual words; the answer is a run of 1–3 whole words, located by construction. */
function qaCases(seed: number, n: number): QaCase[] {
  const rand = seededRandom(seed);
  const pick = (): string => WORDS[Math.floor(rand() * WORDS.length)]!;
  return Array.from({ length: n }, () => {
    const words = Array.from({ length: 5 + Math.floor(rand() * 120) }, pick);
    const at = Math.floor(rand() * words.length);
    const len = Math.min(words.length - at, 1 + Math.floor(rand() * 3));
    const start = words.slice(0, at).join(' ').length + (at > 0 ? 1 : 0);
    const end = start + words.slice(at, at + len).join(' ').length;
    // Short ASCII questions, so the context keeps most of each window.
    const question =
      Array.from(
        { length: 1 + Math.floor(rand() * 4) },
        () => WORDS[Math.floor(rand() * 20)]!,
      ).join(' ') + ' ?';
    return { question, context: words.join(' '), start, end };
  });
}

describe.each(['bert-base-uncased', 'bert-base-multilingual-cased', 'roberta-base'])(
  'qaFeatures on %s',
  (model) => {
    it('maps the answer to token positions and back to the same characters in every window holding it', async () => {
      const { hf, template } = load(model);
      const cases = qaCases(model.length, 150);
      const tok = await hfTokenizerLike(
        hf,
        cases.flatMap((c) => [c.question, c.context]),
      );
      let held = 0;
      let outside = 0;
      for (const c of cases) {
        const features = qaFeatures(tok, c.question, c.context, {
          template,
          maxLength: 48,
          docStride: 12,
          answer: { start: c.start, text: c.context.slice(c.start, c.end) },
        });
        let found = false;
        for (const f of features) {
          expect(f.ids.length).toBe(48);
          const ctx = f.offsets.filter((o) => o !== null);
          // A window holds the answer when its context tokens span it: math from the definition, not the code.
          const holds = ctx.length > 0 && ctx[0]![0] <= c.start && ctx[ctx.length - 1]![1] >= c.end;
          if (holds) {
            expect(f.startPosition).not.toBe(f.clsIndex);
            expect(qaAnswerSpan(f, f.startPosition!, f.endPosition!)).toEqual({
              start: c.start,
              end: c.end,
            });
            // The positions are the tight ones: the answer's first and last tokens.
            expect(f.offsets[f.startPosition!]![1]).toBeGreaterThan(c.start);
            expect(f.offsets[f.endPosition!]![0]).toBeLessThan(c.end);
            found = true;
            held++;
          } else {
            expect([f.startPosition, f.endPosition]).toEqual([f.clsIndex, f.clsIndex]);
            outside++;
          }
        }
        expect(found, JSON.stringify(c)).toBe(true);
      }
      expect(outside).toBeGreaterThan(50);
      expect(held).toBeGreaterThan(150);
    }, 60_000);

    it('builds the windows Hugging Face builds for only_second truncation with doc stride', async () => {
      const { hf, template } = load(model);
      const cs = qaCases(7, 6);
      const c = cs[0]!;
      const context = cs.map((x) => x.context).join(' ');
      const json = readFixtureTokenizer(model);
      const raw = Tokenizer.fromString(
        JSON.stringify({ ...(JSON.parse(json) as object), post_processor: null }),
      );
      const tok = await hfTokenizerLike(hf, [c.question, context]);
      const q = await raw.encode(c.question, null, { addSpecialTokens: false });
      const ctx = await raw.encode('', context, { addSpecialTokens: false });
      hf.setTruncation(64, { strategy: 'OnlySecond' as never, stride: 16 });
      hf.setPadding({ maxLength: 64, padId: 0 });
      const expected = hf.postProcess(q, ctx, true);
      const windows = [expected, ...expected.getOverflowing()];
      const features = qaFeatures(tok, c.question, context, {
        template,
        maxLength: 64,
        docStride: 16,
      });
      expect(windows.length).toBeGreaterThan(2);
      expect(features.map((f) => [f.ids, f.typeIds, f.attentionMask])).toEqual(
        windows.map((w) => [w.getIds(), w.getTypeIds(), w.getAttentionMask()]),
      );
    }, 60_000);
  },
);

describe('qaFeatures errors', () => {
  const vocab: Record<string, number> = { '[CLS]': 1, '[SEP]': 2 };
  // A whitespace tokenizer written inline: one id per word, UTF-16 offsets.
  const inline: TokenizerLike = {
    encode(text) {
      const ids: number[] = [];
      const offsets: [number, number][] = [];
      for (const m of text.matchAll(/\S+/g)) {
        ids.push(10 + m[0].length);
        offsets.push([m.index, m.index + m[0].length]);
      }
      return { ids, offsets };
    },
    tokenToId: (t) => vocab[t],
  };
  const template = templateFromPostProcessor({
    type: 'BertProcessing',
    cls: ['[CLS]', 1],
    sep: ['[SEP]', 2],
  });
  const context = 'the cat sat on the mat with 😀 and 東京 today';

  it('finds an answer after multi-byte text with the inline tokenizer', () => {
    const start = context.indexOf('東京');
    const [f] = qaFeatures(inline, 'where', context, {
      template,
      maxLength: 32,
      answer: { start, text: '東京' },
    });
    expect([f!.startPosition, f!.endPosition]).toEqual([12, 12]);
    expect(qaAnswerSpan(f!, 12, 12)).toEqual({ start, end: start + 2 });
  });

  it('covers every context token, consecutive windows sharing exactly docStride tokens', () => {
    const long = Array.from({ length: 37 }, (_, i) => `w${i}`).join(' ');
    const all = inline.encode(long).offsets!;
    // maxLength 10 − 3 special − 1 question token = 6 context tokens per window, stepping by 6 − 2 = 4.
    const features = qaFeatures(inline, 'q', long, { template, maxLength: 10, docStride: 2 });
    const spans = features.map((f) => f.offsets.filter((o) => o !== null));
    expect(spans.length).toBe(Math.ceil((37 - 6) / 4) + 1);
    expect(spans[0]![0]).toEqual(all[0]);
    expect(spans[spans.length - 1]!.at(-1)).toEqual(all.at(-1));
    for (let i = 1; i < spans.length; i++)
      expect(spans[i]!.slice(0, 2)).toEqual(spans[i - 1]!.slice(4, 6));
    expect(features.every((f) => f.ids.length === 10)).toBe(true);
  });

  it('ANSWER_OUTSIDE_CONTEXT for a span past the end or a text that is not there', () => {
    expect(() =>
      qaFeatures(inline, 'q', context, { template, answer: { start: 40, end: 99 } }),
    ).toThrow(expect.objectContaining({ code: 'ANSWER_OUTSIDE_CONTEXT' }));
    expect(() =>
      qaFeatures(inline, 'q', context, { template, answer: { start: 0, text: 'dog' } }),
    ).toThrow(expect.objectContaining({ code: 'ANSWER_OUTSIDE_CONTEXT' }));
  });

  it('CONTEXT_TOO_LONG when the question fills the window or windows exceed maxWindows', () => {
    expect(() => qaFeatures(inline, 'a b c d e f', context, { template, maxLength: 9 })).toThrow(
      expect.objectContaining({ code: 'CONTEXT_TOO_LONG' }),
    );
    expect(() =>
      qaFeatures(inline, 'q', context, { template, maxLength: 8, docStride: 1, maxWindows: 2 }),
    ).toThrow(expect.objectContaining({ code: 'CONTEXT_TOO_LONG' }));
  });

  it('MISSING_OFFSETS when the tokenizer gives none', () => {
    const noOffsets: TokenizerLike = {
      encode: (t) => ({ ids: inline.encode(t).ids }),
      tokenToId: (t) => inline.tokenToId(t),
    };
    expect(() => qaFeatures(noOffsets, 'q', context, { template })).toThrow(
      expect.objectContaining({ code: 'MISSING_OFFSETS' }),
    );
  });

  it('INVALID_OPTION when docStride is not below the context room', () => {
    expect(() =>
      qaFeatures(inline, 'q', context, { template, maxLength: 8, docStride: 5 }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });

  it('POSITION_OUTSIDE_CONTEXT when mapping question, special or reversed positions back', () => {
    const [f] = qaFeatures(inline, 'q', context, { template, maxLength: 32 });
    expect(() => qaAnswerSpan(f!, 0, 3)).toThrow(
      expect.objectContaining({ code: 'POSITION_OUTSIDE_CONTEXT' }),
    );
    expect(() => qaAnswerSpan(f!, 5, 4)).toThrow(
      expect.objectContaining({ code: 'POSITION_OUTSIDE_CONTEXT' }),
    );
  });
});

describe("qaFeatures' no-answer index follows run_qa.py (cls_token_id, else bos_token_id, else 0)", () => {
  const question = 'Where is the tower?';
  const context = 'The tower stands in Paris, on the left bank of the river, near the old market.';

  it.each([
    // [model, clsToken, bosToken, expected index]: the tokens are each tokenizer's cls_token / bos_token in
    // transformers (BertTokenizer: [CLS]; RobertaTokenizer: <s> for both; T5Tokenizer: neither).
    ['bert-base-uncased', '[CLS]', null, 0],
    ['roberta-base', '<s>', '<s>', 0],
    ['t5-small', null, null, 0],
  ] as const)('%s: clsIndex is %j, found in input_ids', async (model, cls, bos, expected) => {
    const { hf, template } = load(model);
    const tok = await hfTokenizerLike(hf, [question, context]);
    for (const options of [{}, { clsToken: cls, bosToken: bos }]) {
      const features = qaFeatures(tok, question, context, {
        template,
        maxLength: 24,
        docStride: 4,
        answer: { start: context.indexOf('Paris'), text: 'Paris' },
        ...options,
      });
      expect(features.length).toBeGreaterThan(1);
      for (const f of features) {
        expect(f.clsIndex).toBe(expected);
        if (cls !== null) expect(f.ids[f.clsIndex]).toBe(hf.tokenToId(cls));
      }
      // windows without the answer label it at the no-answer index
      expect(features.some((f) => f.startPosition === expected)).toBe(true);
    }
  });

  it('t5-small has no [CLS] or <s>, so the no-answer index is 0, not the </s> after the question', async () => {
    const { hf, template } = load('t5-small');
    expect(hf.tokenToId('[CLS]') ?? undefined).toBeUndefined();
    expect(hf.tokenToId('<s>') ?? undefined).toBeUndefined();
    const tok = await hfTokenizerLike(hf, [question, context]);
    const [f] = qaFeatures(tok, question, context, { template, maxLength: 64 });
    const eos = hf.tokenToId('</s>')!;
    expect(f!.ids.indexOf(eos)).toBeGreaterThan(0); // where the first special token is
    expect(f!.clsIndex).toBe(0);
  });

  it('uses bosToken when the window has no clsToken, and an explicit id of either', async () => {
    const { hf, template } = load('roberta-base');
    const tok = await hfTokenizerLike(hf, [question, context]);
    const sep = hf.tokenToId('</s>')!;
    const [f] = qaFeatures(tok, question, context, { template, maxLength: 64, clsToken: null });
    expect(f!.clsIndex).toBe(0); // <s> as bos_token
    const [g] = qaFeatures(tok, question, context, {
      template,
      maxLength: 64,
      clsToken: sep,
      bosToken: null,
    });
    expect(g!.clsIndex).toBe(g!.ids.indexOf(sep));
    expect(() => qaFeatures(tok, question, context, { template, clsToken: '[NOPE]' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TOKEN' }),
    );
  });
});
