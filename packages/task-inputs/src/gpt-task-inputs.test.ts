import { readFixtureTokenizer } from '@nlpft/test-utils';
import tokenizers from 'tokenizers';
import { describe, expect, it } from 'vitest';
import {
  gptClassification,
  gptEntailment,
  gptMultipleChoice,
  gptSimilarity,
} from './gpt-task-inputs';
import type { GptTaskOptions } from './gpt-task-inputs';
import { hfTokenizerLike } from './hf-adapter.test-helper';
import { inlineTokenizer } from './inline-tokenizer.test-helper';

const tokens = { start: '_start_', delimiter: '_delimiter_', extract: '_classify_' };

describe('gptClassification', () => {
  it('is start text extract, with the extract index at the end', () => {
    const tok = inlineTokenizer();
    const x = gptClassification(tok, 'a truly great movie', { tokens });
    expect(tok.render(x.ids)).toBe('_start_ a truly great movie _classify_');
    expect(x.attentionMask).toEqual([1, 1, 1, 1, 1, 1]);
    expect(x.extractIndex).toBe(5);
  });

  it('keeps an input of exactly maxLength and cuts one token longer from the right (or the left)', () => {
    const tok = inlineTokenizer();
    expect(tok.render(gptClassification(tok, 'w1 w2 w3 w4', { tokens, maxLength: 6 }).ids)).toBe(
      '_start_ w1 w2 w3 w4 _classify_',
    );
    const cut = gptClassification(tok, 'w1 w2 w3 w4 w5', { tokens, maxLength: 6 });
    expect(tok.render(cut.ids)).toBe('_start_ w1 w2 w3 w4 _classify_');
    expect(cut.extractIndex).toBe(5);
    const left = gptClassification(tok, 'w1 w2 w3 w4 w5', {
      tokens,
      maxLength: 6,
      truncationSide: 'left',
    });
    expect(tok.render(left.ids)).toBe('_start_ w2 w3 w4 w5 _classify_');
  });

  it('pads to maxLength with mask 0 and moves the extract index with left padding', () => {
    const tok = inlineTokenizer();
    const right = gptClassification(tok, 'w1 w2', { tokens, maxLength: 6, padding: 'max_length' });
    expect(tok.render(right.ids)).toBe('_start_ w1 w2 _classify_ <pad> <pad>');
    expect([right.attentionMask, right.extractIndex]).toEqual([[1, 1, 1, 1, 0, 0], 3]);
    const left = gptClassification(tok, 'w1 w2', {
      tokens,
      maxLength: 6,
      padding: 'max_length',
      paddingSide: 'left',
    });
    expect(tok.render(left.ids)).toBe('<pad> <pad> _start_ w1 w2 _classify_');
    expect([left.attentionMask, left.extractIndex]).toEqual([[0, 0, 1, 1, 1, 1], 5]);
  });

  it('takes task tokens as ids and wraps the Hugging Face gpt2 ids of the text', async () => {
    const hf = tokenizers.Tokenizer.fromString(readFixtureTokenizer('gpt2'));
    const text = 'Das Café in Zürich 😀 serves 東京 tea.';
    const tok = await hfTokenizerLike(hf, [text]);
    const expected = (await hf.encode(text, null, { addSpecialTokens: false })).getIds();
    // New ids after gpt2's 50257-entry vocabulary, as GPT-1 added its task tokens.
    const x = gptClassification(tok, text, {
      tokens: { start: 50257, delimiter: 50258, extract: 50259 },
    });
    expect(x.ids).toEqual([50257, ...expected, 50259]);
    expect(x.extractIndex).toBe(expected.length + 1);
  });
});

describe('gptEntailment', () => {
  it('is start premise delim hypothesis extract', () => {
    const tok = inlineTokenizer();
    const x = gptEntailment(tok, 'a man sleeps', 'a person rests', { tokens });
    expect(tok.render(x.ids)).toBe('_start_ a man sleeps _delimiter_ a person rests _classify_');
    expect(x.extractIndex).toBe(8);
  });

  it('truncates longest first at the limit: the short hypothesis stays whole', () => {
    const tok = inlineTokenizer();
    // Budget 8 − 3 task tokens = 5; the 2-word hypothesis keeps both, the premise gets 3 of its 6 words.
    const x = gptEntailment(tok, 'p1 p2 p3 p4 p5 p6', 'h1 h2', { tokens, maxLength: 8 });
    expect(tok.render(x.ids)).toBe('_start_ p1 p2 p3 _delimiter_ h1 h2 _classify_');
    // Both long: half each, the odd token to the longer (first) text.
    const y = gptEntailment(tok, 'p1 p2 p3 p4 p5 p6', 'h1 h2 h3 h4 h5', { tokens, maxLength: 8 });
    expect(tok.render(y.ids)).toBe('_start_ p1 p2 p3 _delimiter_ h1 h2 _classify_');
    // only_second cuts the hypothesis alone: the budget is 11 − 3 = 8, so it loses 6 + 3 − 8 = 1 token.
    const z = gptEntailment(tok, 'p1 p2 p3 p4 p5 p6', 'h1 h2 h3', {
      tokens,
      maxLength: 11,
      truncation: 'only_second',
    });
    expect(tok.render(z.ids)).toBe('_start_ p1 p2 p3 p4 p5 p6 _delimiter_ h1 h2 _classify_');
    // …and cannot when that takes all it has, as in Hugging Face.
    expect(() =>
      gptEntailment(tok, 'p1 p2 p3 p4 p5 p6', 'h1 h2', {
        tokens,
        maxLength: 8,
        truncation: 'only_second',
      }),
    ).toThrow(expect.objectContaining({ code: 'SEQUENCE_TOO_SHORT' }));
  });
});

describe('gptSimilarity', () => {
  it('gives both orders with their extract indices', () => {
    const tok = inlineTokenizer();
    const [ab, ba] = gptSimilarity(tok, 'a cat sits', 'a cat is sitting', { tokens });
    expect(tok.render(ab.ids)).toBe('_start_ a cat sits _delimiter_ a cat is sitting _classify_');
    expect(tok.render(ba.ids)).toBe('_start_ a cat is sitting _delimiter_ a cat sits _classify_');
    expect([ab.extractIndex, ba.extractIndex]).toEqual([9, 9]);
  });
});

describe('gptMultipleChoice', () => {
  const options: GptTaskOptions = { tokens };

  it('is one padded row per answer, shaped [numChoices, seq]', () => {
    const tok = inlineTokenizer();
    const x = gptMultipleChoice(
      tok,
      'karen got a roommate',
      ['she liked her', 'she hated her a lot', 'no'],
      options,
    );
    expect(x.dims).toEqual([3, 12]);
    expect(x.ids.map((r) => tok.render(r))).toEqual([
      '_start_ karen got a roommate _delimiter_ she liked her _classify_ <pad> <pad>',
      '_start_ karen got a roommate _delimiter_ she hated her a lot _classify_',
      '_start_ karen got a roommate _delimiter_ no _classify_ <pad> <pad> <pad> <pad>',
    ]);
    expect(x.extractIndex).toEqual([9, 11, 7]);
    expect(x.attentionMask[2]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
  });

  it('cuts the context, never an answer, at the limit', () => {
    const tok = inlineTokenizer();
    const x = gptMultipleChoice(tok, 'c1 c2 c3 c4 c5', ['a1', 'a1 a2 a3'], {
      tokens,
      maxLength: 8,
    });
    expect(x.ids.map((r) => tok.render(r))).toEqual([
      '_start_ c1 c2 c3 c4 _delimiter_ a1 _classify_',
      '_start_ c1 c2 _delimiter_ a1 a2 a3 _classify_',
    ]);
    expect(x.dims).toEqual([2, 8]);
  });

  it('INCONSISTENT_SHAPES with no answers, SEQUENCE_TOO_SHORT when the context cannot make room', () => {
    const tok = inlineTokenizer();
    expect(() => gptMultipleChoice(tok, 'c', [], options)).toThrow(
      expect.objectContaining({ code: 'INCONSISTENT_SHAPES' }),
    );
    expect(() => gptMultipleChoice(tok, 'c1', ['a1 a2 a3 a4'], { tokens, maxLength: 6 })).toThrow(
      expect.objectContaining({ code: 'SEQUENCE_TOO_SHORT' }),
    );
  });
});

describe('GPT task token errors', () => {
  it('UNKNOWN_TOKEN names the missing task token', () => {
    const tok = inlineTokenizer(['<pad>']);
    expect(() => gptClassification(tok, 'x', { tokens })).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_TOKEN',
        message: expect.stringContaining('_start_'),
      }),
    );
  });

  it('INVALID_OPTION without tokens or with maxLength below the task tokens', () => {
    const tok = inlineTokenizer();
    expect(() => gptClassification(tok, 'x', {} as GptTaskOptions)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => gptEntailment(tok, 'x', 'y', { tokens, maxLength: 2 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('gptMultipleChoice with { document, question, answers }', () => {
  it("is the GPT-1 paper's [z; q; $; a_k]: start, document, question, delimiter, answer, extract", () => {
    const tok = inlineTokenizer();
    const x = gptMultipleChoice(
      tok,
      {
        document: 'karen got a roommate',
        question: 'how did she feel ?',
        answers: ['glad', 'very sad'],
      },
      { tokens },
    );
    expect(x.ids.map((r) => tok.render(r))).toMatchInlineSnapshot(`
      [
        "_start_ karen got a roommate how did she feel ? _delimiter_ glad _classify_ <pad>",
        "_start_ karen got a roommate how did she feel ? _delimiter_ very sad _classify_",
      ]
    `);
    expect(x.extractIndex).toEqual([12, 13]);
    expect(x.dims).toEqual([2, 14]);
  });

  it('equals the (context, answers) call on the concatenated ids, which keeps working', () => {
    const tok = inlineTokenizer();
    const z = tok.encode('karen got a roommate');
    const q = tok.encode('how did she feel ?');
    const answers = ['glad', 'very sad'];
    const example = gptMultipleChoice(tok, { document: z, question: q, answers }, { tokens });
    const old = gptMultipleChoice(tok, { ids: [...z.ids, ...q.ids] }, answers, { tokens });
    expect(example).toEqual(old);
    const text = gptMultipleChoice(tok, 'karen got a roommate how did she feel ?', answers, {
      tokens,
    });
    expect(text).toEqual(old);
  });

  it('document or question alone is the context', () => {
    const tok = inlineTokenizer();
    const answers = ['a1', 'a2 a3'];
    expect(gptMultipleChoice(tok, { question: 'q1 q2', answers }, { tokens })).toEqual(
      gptMultipleChoice(tok, 'q1 q2', answers, { tokens }),
    );
    expect(gptMultipleChoice(tok, { document: 'd1 d2', answers }, { tokens })).toEqual(
      gptMultipleChoice(tok, 'd1 d2', answers, { tokens }),
    );
  });

  it('cuts only the document to maxLength, keeping the question and each answer whole', () => {
    const tok = inlineTokenizer();
    const x = gptMultipleChoice(
      tok,
      { document: 'd1 d2 d3 d4 d5', question: 'q1 q2', answers: ['a1', 'a1 a2 a3'] },
      { tokens, maxLength: 10 },
    );
    // room for the document: 10 - 3 special - 2 question - answer length = 4, then 2
    expect(x.ids.map((r) => tok.render(r))).toMatchInlineSnapshot(`
      [
        "_start_ d1 d2 d3 d4 q1 q2 _delimiter_ a1 _classify_",
        "_start_ d1 d2 q1 q2 _delimiter_ a1 a2 a3 _classify_",
      ]
    `);
    const left = gptMultipleChoice(
      tok,
      { document: 'd1 d2 d3 d4 d5', question: 'q1 q2', answers: ['a1'] },
      { tokens, maxLength: 10, truncationSide: 'left' },
    );
    expect(tok.render(left.ids[0]!)).toBe('_start_ d2 d3 d4 d5 q1 q2 _delimiter_ a1 _classify_');
  });

  it('throws SEQUENCE_TOO_SHORT when the question and an answer alone exceed maxLength', () => {
    const tok = inlineTokenizer();
    expect(() =>
      gptMultipleChoice(
        tok,
        { document: 'd1', question: 'q1 q2 q3', answers: ['a1 a2'] },
        { tokens, maxLength: 7 },
      ),
    ).toThrow(expect.objectContaining({ code: 'SEQUENCE_TOO_SHORT' }));
  });
});
