import type { Tokenizer } from '@nlpft/tokenizers';
import { expectTypeOf, test } from 'vitest';
import type { TokenizerLike } from './types';

test('Tokenizer from @nlpft/tokenizers has the TokenizerLike shape', () => {
  expectTypeOf<Tokenizer>().toExtend<TokenizerLike>();
});
