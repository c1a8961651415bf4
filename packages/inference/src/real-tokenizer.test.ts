// The tasks with the real @nlpft/tokenizers and a genuine Hugging Face tokenizer.json.
import { readFixtureTokenizer } from '@nlpft/test-utils';
import { Tokenizer } from '@nlpft/tokenizers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from './create-session';
import type { InferenceModel } from './create-session';
import { FeatureExtractor } from './feature-extractor';
import { SequenceClassifier } from './sequence-classifier';
import { fixtureModel } from './test-fixtures';

let bert: InferenceModel;
beforeAll(async () => {
  bert = await createSession(fixtureModel('bert-tiny-cls'));
});
afterAll(async () => {
  await bert.dispose();
});

describe('with @nlpft/tokenizers', () => {
  it('bert-base-uncased (30522 tokens) on a model with a 1000-row embedding table throws VOCAB_TOO_LARGE', async () => {
    const tok = Tokenizer.fromString(readFixtureTokenizer('bert-base-uncased'));
    expect(() => new SequenceClassifier(bert, tok)).toThrow(
      expect.objectContaining({
        code: 'VOCAB_TOO_LARGE',
        message: expect.stringMatching(/30522 tokens.*1000 rows/),
      }),
    );
    const encoder = await createSession(fixtureModel('bert-tiny'));
    expect(() => new FeatureExtractor(encoder, tok)).toThrow(
      expect.objectContaining({ code: 'VOCAB_TOO_LARGE' }),
    );
    await encoder.dispose();
  });

  it('a model with room for the vocabulary accepts the same tokenizer (config vocab_size 30522)', async () => {
    const tok = Tokenizer.fromString(readFixtureTokenizer('bert-base-uncased'));
    const wide = await createSession(fixtureModel('bert-tiny-cls'), {
      config: { vocab_size: 30522, max_position_embeddings: 64 },
    });
    const clf = new SequenceClassifier(wide, tok);
    expect(clf.encode('Hello world!').ids).toEqual([101, 7592, 2088, 999, 102]);
    await wide.dispose();
  });
});
