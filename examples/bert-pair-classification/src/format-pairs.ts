import {
  bertTemplate,
  collateBatch,
  encodeInputsBatch,
  type CollatedBatch,
  type Encoding,
} from '@nlpft/task-inputs';
import type { Tokenizer } from '@nlpft/tokenizers';

/** Two sentences to compare (MRPC-style paraphrase detection). */
export type SentencePair = readonly [string, string];

/**
 * BERT sentence-pair inputs, `[CLS] A [SEP] B [SEP]` with token type ids 0 for `[CLS] A [SEP]` and 1 for `B [SEP]`
 * (Devlin et al. 2019, figure 2); `collateBatch` pads them to the longest pair as `[batch, seq]` int64 tensors.
 */
export function formatPairs(
  tokenizer: Tokenizer,
  pairs: readonly SentencePair[],
  maxLength = 64,
): { encodings: Encoding[]; batch: CollatedBatch } {
  const encodings = encodeInputsBatch(tokenizer, pairs, {
    template: bertTemplate(),
    maxLength,
    truncation: 'longest_first',
  });
  return { encodings, batch: collateBatch(encodings) };
}

/** `token/typeId` for each real (unpadded) token of an encoding, for printing. */
export function showSegments(tokenizer: Tokenizer, encoding: Encoding): string {
  return encoding.ids
    .flatMap((id, i) =>
      encoding.attentionMask[i] === 1
        ? [`${tokenizer.idToToken(id) ?? `<${id}>`}/${encoding.typeIds[i]}`]
        : [],
    )
    .join(' ');
}
