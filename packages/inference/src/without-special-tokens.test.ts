import { readFixtureTokenizer } from '@nlpft/test-utils';
import { Tokenizer } from '@nlpft/tokenizers';
import { describe, expect, it } from 'vitest';
import { withoutSpecialTokens } from './without-special-tokens';

describe('withoutSpecialTokens', () => {
  const bert = Tokenizer.fromString(readFixtureTokenizer('bert-base-uncased'));
  const raw = withoutSpecialTokens(bert);

  it('encodes singles and pairs without the post-processor, and passes the rest through', () => {
    // bert-base-uncased: "hello" 7592, "world" 2088; [CLS] 101 and [SEP] 102 are not added.
    expect(raw.encode('Hello world').ids).toEqual([7592, 2088]);
    expect(raw.encode('Hello', 'world').ids).toEqual([7592, 2088]);
    expect(bert.encode('Hello world').ids).toEqual([101, 7592, 2088, 102]);
    expect(raw.tokenToId('[SEP]')).toBe(102);
    expect(raw.decode([101, 7592, 2088, 102], { skipSpecialTokens: true })).toBe('hello world');
  });
});
