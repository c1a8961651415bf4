import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from './create-session';
import type { InferenceModel } from './create-session';
import { QuestionAnswerer } from './question-answerer';
import { fixtureModel, int64, refCase, wordTokenizer } from './test-fixtures';

let qaModel: InferenceModel;
beforeAll(async () => {
  qaModel = await createSession(fixtureModel('bert-tiny-qa'));
});
afterAll(async () => {
  await qaModel.dispose();
});

/** Hugging Face's pipeline scoring written out: softmax over [CLS] + context, best p(s)·p(e) with e-s < maxLen. */
function bruteForce(
  start: number[],
  end: number[],
  ctxFrom: number,
  ctxTo: number,
  maxLen: number,
): { s: number; e: number; score: number }[] {
  const idx = [0, ...Array.from({ length: ctxTo - ctxFrom }, (_, k) => ctxFrom + k)];
  const sm = (xs: number[]): number[] => {
    const m = Math.max(...xs);
    const e = xs.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / z);
  };
  const ps = sm(idx.map((i) => start[i]!));
  const pe = sm(idx.map((i) => end[i]!));
  const spans = [];
  for (let a = 1; a < idx.length; a++)
    for (let b = a; b < idx.length && b - a < maxLen; b++)
      spans.push({ s: a - 1, e: b - 1, score: ps[a]! * pe[b]! });
  return spans.sort((x, y) => y.score - x.score);
}

describe('QuestionAnswerer', () => {
  it('finds the n-best spans of PyTorch start/end logits with character offsets into the context', async () => {
    const c = refCase('bert_pairs');
    const [question, context] = (c.texts as [string, string][])[1]!; // [CLS] question [SEP] context [SEP]
    const row = 1;
    const s = c.input_ids[0]!.length;
    const ids = c.input_ids[row]!;
    const ctxFrom = ids.indexOf(3) + 1;
    const ctxTo = ids.lastIndexOf(3);
    const start = c.start_logits.data.slice(row * s, row * s + s);
    const end = c.end_logits.data.slice(row * s, row * s + s);
    const want = bruteForce(start, end, ctxFrom, ctxTo, 4).slice(0, 3);
    const qa = new QuestionAnswerer(qaModel, wordTokenizer('bert'));
    const got = await qa.answer(question, context, { topK: 3, maxAnswerLength: 4 });
    const offsets = wordTokenizer('bert').encode(context, undefined, {
      addSpecialTokens: false,
    }).offsets!;
    expect(got).toHaveLength(3);
    got.forEach((a, k) => {
      expect(a.score).toBeCloseTo(want[k]!.score, 5);
      expect(a.start).toBe(offsets[want[k]!.s]![0]);
      expect(a.end).toBe(offsets[want[k]!.e]![1]);
      expect(a.answer).toBe(context.slice(a.start, a.end));
    });
  });

  it('splits a long context into doc-stride windows and picks the best span over all of them', async () => {
    const context =
      'once upon a time there was a king who lived in an old castle by the river . the queen wrote a book about the forest and the children read it .';
    const question = 'who lived in the castle ?';
    const tok = wordTokenizer('bert');
    const qa = new QuestionAnswerer(qaModel, tok);
    const opts = { maxLength: 20, docStride: 4, maxAnswerLength: 3, topK: 2 };
    const got = await qa.answer(question, context, opts);
    // Expected: run each window through the raw session and brute-force its spans.
    const q = tok.encode(question, undefined, { addSpecialTokens: false }).ids;
    const ctx = tok.encode(context, undefined, { addSpecialTokens: false });
    const room = 20 - q.length - 3;
    const all: { score: number; start: number; end: number }[] = [];
    let windows = 0;
    for (let first = 0; ; first += room - 4) {
      const part = ctx.ids.slice(first, first + room);
      const ids = [2, ...q, 3, ...part, 3];
      const types = ids.map((_, i) => (i < q.length + 2 ? 0 : 1));
      const out = await qaModel.run({
        input_ids: int64([ids]),
        attention_mask: int64([ids.map(() => 1)]),
        token_type_ids: int64([types]),
      });
      const spans = bruteForce(
        [...(out['start_logits']!.data as Float32Array)],
        [...(out['end_logits']!.data as Float32Array)],
        q.length + 2,
        q.length + 2 + part.length,
        3,
      );
      for (const sp of spans)
        all.push({
          score: sp.score,
          start: ctx.offsets![first + sp.s]![0],
          end: ctx.offsets![first + sp.e]![1],
        });
      windows++;
      if (first + part.length >= ctx.ids.length) break;
    }
    expect(windows).toBeGreaterThan(2);
    const uniq = new Map<string, (typeof all)[number]>();
    for (const a of all.sort((x, y) => y.score - x.score))
      if (!uniq.has(`${a.start}:${a.end}`)) uniq.set(`${a.start}:${a.end}`, a);
    const want = [...uniq.values()].slice(0, 2);
    expect(got.map((a) => [a.start, a.end])).toEqual(want.map((a) => [a.start, a.end]));
    got.forEach((a, k) => expect(a.score).toBeCloseTo(want[k]!.score, 6));
  });

  it('throws MISSING_OUTPUT for a model without start/end logits and INVALID_OPTION when the question fills the window', async () => {
    const cls = await createSession(fixtureModel('bert-tiny-cls'));
    expect(() => new QuestionAnswerer(cls, wordTokenizer('bert'))).toThrow(
      expect.objectContaining({
        code: 'MISSING_OUTPUT',
        message: expect.stringContaining('start_logits'),
      }),
    );
    await cls.dispose();
    const qa = new QuestionAnswerer(qaModel, wordTokenizer('bert'));
    await expect(
      qa.answer('who is the king of the old castle ?', 'the king', { maxLength: 8 }),
    ).rejects.toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    await expect(qa.answer('who ?', '')).rejects.toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }),
    );
  });
});
