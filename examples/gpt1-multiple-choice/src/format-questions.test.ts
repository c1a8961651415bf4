import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSession, MultipleChoiceHead } from '@nlpft/inference';
import { describe, expect, it } from 'vitest';
import { formatQuestions, sequenceTokens } from './format-questions';
import { gptTokenizer, TASK_TOKENS } from './gpt-tokenizer';

const vocab = JSON.parse(
  readFileSync(new URL('../../../packages/inference/fixtures/vocab.json', import.meta.url), 'utf8'),
) as string[];
const tokenizer = gptTokenizer(vocab);
const questions = [
  { context: 'The cat sat on the mat.', answers: ['It was happy.', 'The dog ran fast!'] },
  { context: 'A king lived in a castle.', answers: ['The king was old.', 'It is a movie.'] },
];

describe('formatQuestions', () => {
  const { perQuestion, batch, mcTokenIds } = formatQuestions(tokenizer, questions);

  it('writes each answer as <start> context <delim> answer <extract>', () => {
    const q = perQuestion[0]!;
    expect(
      q.ids.map((ids, c) => sequenceTokens(tokenizer, ids, q.attentionMask[c]!).join(' ')),
    ).toEqual([
      '<start> the cat sat on the mat . <delim> it was happy . <extract>',
      '<start> the cat sat on the mat . <delim> the dog ran fast ! <extract>',
    ]);
    // Task tokens come after the 121-word vocabulary.
    expect(q.ids[0]![0]).toBe(121);
    expect(q.ids[0]![q.extractIndex[0]!]).toBe(123);
  });

  it('collates [batch, numChoices, seq] with the extract positions as mc_token_ids', () => {
    // Longest sequence: <start> + 7 context tokens + <delim> + 5 answer tokens + <extract> = 15.
    expect(batch.input_ids.dims).toEqual([2, 2, 15]);
    expect([...mcTokenIds.data]).toEqual([13n, 14n, 14n, 14n]);
    expect(mcTokenIds.dims).toEqual([2, 2]);
    const row = (b: number, c: number): number[] =>
      Array.from(batch.input_ids.data.slice((b * 2 + c) * 15, (b * 2 + c + 1) * 15), Number);
    expect(row(1, 1)[Number(mcTokenIds.data[3])]).toBe(123);
    // The shorter first sequence is right-padded with id 0 after its extract token.
    expect(row(0, 0).slice(13)).toEqual([123, 0]);
  });

  it("matches the tokenizer's own pair template plus the extract token (what MultipleChoiceHead feeds)", () => {
    const q = questions[1]!;
    q.answers.forEach((answer, c) => {
      const viaTemplate = [
        ...tokenizer.encode(q.context, answer).ids,
        tokenizer.tokenToId(TASK_TOKENS.extract),
      ];
      const formatted = perQuestion[1]!.ids[c]!.filter(
        (_, i) => perQuestion[1]!.attentionMask[c]![i] === 1,
      );
      expect(formatted).toEqual(viaTemplate);
    });
  });
});

describe('scoring the collated batch', () => {
  it('gives the same mc_logits as MultipleChoiceHead, and the two-choice softmax as probabilities', async () => {
    const model = await createSession(
      fileURLToPath(
        new URL('../../../packages/inference/fixtures/gpt2-tiny-mc/model.onnx', import.meta.url),
      ),
    );
    try {
      const { batch, mcTokenIds } = formatQuestions(tokenizer, questions);
      const out = await model.run({
        input_ids: batch.input_ids,
        attention_mask: batch.attention_mask,
        mc_token_ids: mcTokenIds,
      });
      const direct = out['mc_logits']!;
      expect(direct.dims).toEqual([2, 2]);
      const head = new MultipleChoiceHead(model, tokenizer, {
        extractTokenId: tokenizer.tokenToId(TASK_TOKENS.extract)!,
      });
      const results = await head.choose(
        questions.map((q) => ({ context: q.context, choices: q.answers })),
      );
      // Same float32 graph on the same tokens; only the padding length differs, which the causal mask hides.
      results.forEach((r, q) => {
        r.scores.forEach((s, c) => expect(s).toBeCloseTo(direct.data[q * 2 + c] as number, 5));
        const [a, b] = [r.scores[0]!, r.scores[1]!];
        expect(r.probabilities[0]).toBeCloseTo(1 / (1 + Math.exp(b - a)), 12);
      });
    } finally {
      await model.dispose();
    }
  });
});
