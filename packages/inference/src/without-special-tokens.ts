import { checkTokenizer } from './argument-checks';
import type { DecodingTokenizerLike } from './types';

/**
 * The tokenizer with `addSpecialTokens: false` on every `encode`: for a causal LM pre-trained on raw token
 * blocks (as `nlpft pretrain` does), whose prompts and scored texts must not get `[CLS]`/`[SEP]`.
 * @throws {InferenceError} `INVALID_INPUT` for a tokenizer without `encode`, `tokenToId` and `decode`.
 * @example new TextGenerator(model, withoutSpecialTokens(tokenizer))
 */
export function withoutSpecialTokens(tokenizer: DecodingTokenizerLike): DecodingTokenizerLike {
  checkTokenizer(tokenizer, 'withoutSpecialTokens', true);
  return {
    encode: (text, pair) => tokenizer.encode(text, pair ?? null, { addSpecialTokens: false }),
    tokenToId: (token) => tokenizer.tokenToId(token),
    decode: (ids, options) => tokenizer.decode(ids, options),
  };
}
