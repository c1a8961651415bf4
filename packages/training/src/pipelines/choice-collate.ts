import type { BatchTensor } from '@nlpft/onnx';
import { paddedIdRows, type Collate } from './collate';
import { TARGET_IDS, TARGET_MASK } from './choice-graphs';
import type { ChoiceScoring } from './choice-graphs';

/** One question tokenized: a sequence per choice, with the positions whose next token is the choice's. */
export interface EncodedQuestion {
  /** Token ids per choice (at most the block size). */
  rows: (readonly number[])[];
  /** Per choice, the first position whose *next* token belongs to the choice (the likelihood's start). */
  scoreFrom: number[];
  label: number;
}

/**
 * Right-padded batches of every choice of every question (`[questions · choices, length]`), `labels [questions]`,
 * and for 'lm-likelihood' the next-token targets with a mask over the choice's tokens.
 */
export function choiceCollate(
  scoring: ChoiceScoring,
  length: number,
  padId: number,
): Collate<EncodedQuestion> {
  return (questions: readonly EncodedQuestion[]): Record<string, BatchTensor> => {
    const rows = questions.flatMap((q) => q.rows);
    const from = questions.flatMap((q) => q.scoreFrom);
    const n = rows.length;
    const dims = [n, length];
    const batch: Record<string, BatchTensor> = {
      ...paddedIdRows(rows, length, padId),
      labels: {
        data: BigInt64Array.from(questions, (q) => BigInt(q.label)),
        dims: [questions.length],
      },
    };
    if (scoring === 'lm-likelihood') {
      // Position t predicts token t + 1: its target is the next id, counted when that token is the choice's.
      const targets = new BigInt64Array(n * length);
      const counted = new Float32Array(n * length);
      rows.forEach((row, i) => {
        for (let t = from[i]!; t + 1 < row.length; t++) {
          targets[i * length + t] = BigInt(row[t + 1]!);
          counted[i * length + t] = 1;
        }
      });
      batch[TARGET_IDS] = { data: targets, dims };
      batch[TARGET_MASK] = { data: counted, dims };
    }
    return batch;
  };
}
