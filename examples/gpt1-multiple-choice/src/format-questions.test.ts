import { readFileSync } from 'node:fs';
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
    expect(q.ids.map((ids, c) => sequenceTokens(tokenizer, ids, q.attentionMask[c]!).join(' '))).toEqual([
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
    const row = (b: number, c: number): number[] => Array.from(batch.input_ids.data.slice((b * 2 + c) * 15, (b * 2 + c + 1) * 15), Number);
    expect(row(1, 1)[Number(mcTokenIds.data[3])]).toBe(123);
    // The shorter first sequence is right-padded with id 0 after its extract token.
    expect(row(0, 0).slice(13)).toEqual([123, 0]);
  });

  it("matches the tokenizer's own pair template plus the extract token (what MultipleChoiceHead feeds)", () => {
    const q = questions[1]!;
    q.answers.forEach((answer, c) => {
      const viaTemplate = [...tokenizer.encode(q.context, answer).ids, tokenizer.tokenToId(TASK_TOKENS.extract)];
      const formatted = perQuestion[1]!.ids[c]!.filter((_, i) => perQuestion[1]!.attentionMask[c]![i] === 1);
      expect(formatted).toEqual(viaTemplate);
    });
  });
});
