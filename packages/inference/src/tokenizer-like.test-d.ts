import type { Tokenizer } from '@nlpft/tokenizers';
import { expectTypeOf, test } from 'vitest';
import type { DecodingTokenizerLike, TokenizerLike } from './types';

test('Tokenizer from @nlpft/tokenizers has the TokenizerLike shape', () => {
  expectTypeOf<Tokenizer>().toExtend<TokenizerLike>();
});

test('Tokenizer from @nlpft/tokenizers has the DecodingTokenizerLike shape (generation)', () => {
  expectTypeOf<Tokenizer>().toExtend<DecodingTokenizerLike>();
});
