import { Tokenizer, wordPieceJsonFromVocab } from '@nlpft/tokenizers';

/** GPT-1's three task tokens (Radford et al. 2018, §3.3): new vocabulary entries learned during fine-tuning. */
export const TASK_TOKENS = {
  start: '<start>',
  delimiter: '<delim>',
  extract: '<extract>',
} as const;

/**
 * A real @nlpft/tokenizers tokenizer over a word list (id = position; lowercasing, BERT-style word splitting) with
 * GPT-1's task tokens added after the vocabulary. Its pair template is `<start> A <delim> B`, so
 * `encode(context, answer)` plus the extract token is exactly GPT-1's multiple-choice sequence, and every token has
 * segment 0 (GPT has no segment embeddings).
 */
export function gptTokenizer(vocab: readonly string[]): Tokenizer {
  const json = wordPieceJsonFromVocab(vocab.join('\n'));
  const added = Object.values(TASK_TOKENS).map((content, k) => ({
    id: vocab.length + k,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  const id = (token: string): number =>
    (added.find((a) => a.content === token) as { id: number }).id;
  const special = (token: string) => ({ SpecialToken: { id: token, type_id: 0 } });
  const sequence = (which: 'A' | 'B') => ({ Sequence: { id: which, type_id: 0 } });
  return Tokenizer.fromJSON({
    ...json,
    added_tokens: [...(json.added_tokens ?? []), ...added],
    post_processor: {
      type: 'TemplateProcessing',
      single: [special(TASK_TOKENS.start), sequence('A')],
      pair: [
        special(TASK_TOKENS.start),
        sequence('A'),
        special(TASK_TOKENS.delimiter),
        sequence('B'),
      ],
      special_tokens: Object.fromEntries(
        [TASK_TOKENS.start, TASK_TOKENS.delimiter].map((t) => [
          t,
          { id: t, ids: [id(t)], tokens: [t] },
        ]),
      ),
    },
  });
}
