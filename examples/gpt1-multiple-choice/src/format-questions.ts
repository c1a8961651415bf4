import {
  collateMultipleChoice,
  gptMultipleChoice,
  type CollatedBatch,
  type GptMultipleChoiceInput,
} from '@nlpft/task-inputs';
import type { Tokenizer } from '@nlpft/tokenizers';
import { TASK_TOKENS } from './gpt-tokenizer';

/** A story and its candidate endings (the ROCStories cloze test shape GPT-1 was fine-tuned on). */
export interface Question {
  readonly context: string;
  readonly answers: readonly string[];
}

/** What one multiple-choice batch needs: `[batch, numChoices, seq]` tensors and where each extract token sits. */
export interface FormattedBatch {
  readonly perQuestion: readonly GptMultipleChoiceInput[];
  readonly batch: CollatedBatch;
  /** `mc_token_ids`, `[batch, numChoices]`: the extract token's position in each sequence. */
  readonly mcTokenIds: {
    readonly type: 'int64';
    readonly data: BigInt64Array;
    readonly dims: readonly number[];
  };
}

/**
 * Formats every question as GPT-1 does for multiple choice — one sequence per answer,
 * `<start> context <delim> answer <extract>` — and collates them into one `[batch, numChoices, seq]` batch.
 */
export function formatQuestions(
  tokenizer: Tokenizer,
  questions: readonly Question[],
  maxLength = 64,
): FormattedBatch {
  const perQuestion = questions.map((q) =>
    gptMultipleChoice(tokenizer, q.context, q.answers, { tokens: TASK_TOKENS, maxLength }),
  );
  const batch = collateMultipleChoice(perQuestion);
  const numChoices = perQuestion[0]?.dims[0] ?? 0;
  const mcTokenIds = {
    type: 'int64' as const,
    data: BigInt64Array.from(
      perQuestion.flatMap((q) => q.extractIndex),
      (i) => BigInt(i),
    ),
    dims: [questions.length, numChoices],
  };
  return { perQuestion, batch, mcTokenIds };
}

/** The tokens of one formatted sequence, padding dropped, for printing. */
export function sequenceTokens(
  tokenizer: Tokenizer,
  ids: readonly number[],
  mask: readonly number[],
): string[] {
  return ids.filter((_, i) => mask[i] === 1).map((id) => tokenizer.idToToken(id) ?? `<${id}>`);
}
