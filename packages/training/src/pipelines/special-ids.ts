import type { Tokenizer } from '@nlpft/tokenizers';
import { TrainingError } from '../errors';

/** The ids of BERT-style special tokens a WordPiece tokenizer must have for the pipelines. */
export interface SpecialIds {
  cls: number;
  sep: number;
  pad: number;
  mask: number;
}

/**
 * Looks up `[CLS]`, `[SEP]`, `[PAD]` and `[MASK]`.
 * @throws {TrainingError} UNKNOWN_TOKEN naming the first one the vocabulary lacks.
 */
export function specialIds(tokenizer: Tokenizer): SpecialIds {
  const id = (token: string) => {
    const v = tokenizer.tokenToId(token);
    if (v === undefined)
      throw new TrainingError(
        'UNKNOWN_TOKEN',
        `the tokenizer has no '${token}' token (train it with specialTokens [PAD], [UNK], [CLS], [SEP], [MASK])`,
      );
    return v;
  };
  return { cls: id('[CLS]'), sep: id('[SEP]'), pad: id('[PAD]'), mask: id('[MASK]') };
}
