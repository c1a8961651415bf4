import { expectTypeOf, test } from 'vitest';
import type { TokenizerJson } from '../types';
import type { Tokenizer } from '../tokenizer';
import type { TrainedTokenizerJson } from './types';

test('a trained tokenizer.json has the shape the loader reads', () => {
  expectTypeOf<TrainedTokenizerJson>().toExtend<TokenizerJson>();
});

test('Tokenizer.fromJSON accepts a trainer result', () => {
  expectTypeOf<typeof Tokenizer.fromJSON>().parameter(0).toExtend<unknown>();
  expectTypeOf<TrainedTokenizerJson>().toExtend<Parameters<typeof Tokenizer.fromJSON>[0]>();
});
