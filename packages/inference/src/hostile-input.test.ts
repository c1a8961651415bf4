// Regression tests for what the hostile-input suite (hostile.property.test.ts) and the argument review found: each
// call below used to throw a raw TypeError / RangeError, hang, return NaN or a made-up value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from './create-session';
import type { InferenceModel } from './create-session';
import { FeatureExtractor, poolHiddenStates } from './feature-extractor';
import { checkSamplingOptions, pickToken, processLogits } from './logits-processors';
import { parseModelConfig, readModelConfig } from './model-config';
import { mapModelIo } from './model-io';
import { MultipleChoiceHead } from './multiple-choice';
import { planBatches } from './plan-batches';
import { QuestionAnswerer } from './question-answerer';
import { SequenceClassifier } from './sequence-classifier';
import { TextGenerator } from './text-generator';
import { fixtureModel, fullVocabTokenizer, int64, wordTokenizer } from './test-fixtures';
import { createWorkerPool } from './worker-pool';
import type { WorkerPool } from './worker-pool';

const code = (c: string): ReturnType<typeof expect.objectContaining> =>
  expect.objectContaining({ code: c });

let bert: InferenceModel;
let cls: InferenceModel;
let qa: InferenceModel;
let gpt: InferenceModel;
let mc: InferenceModel;
let pool: WorkerPool;
beforeAll(async () => {
  bert = await createSession(fixtureModel('bert-tiny'));
  cls = await createSession(fixtureModel('bert-tiny-cls'));
  qa = await createSession(fixtureModel('bert-tiny-qa'));
  gpt = await createSession(fixtureModel('gpt2-tiny'));
  mc = await createSession(fixtureModel('gpt2-tiny-mc'));
  pool = await createWorkerPool(fixtureModel('bert-tiny'));
}, 60_000);
afterAll(async () => {
  await Promise.all([bert, cls, qa, gpt, mc, pool].map((m) => m.dispose()));
});

const bertFeeds = {
  input_ids: int64([[2, 28, 3]]),
  attention_mask: int64([[1, 1, 1]]),
  token_type_ids: int64([[0, 0, 0]]),
};

describe('messages never throw in place of the error they report', () => {
  it('a bigint in config.json is INVALID_CONFIG (JSON.stringify threw a TypeError)', () => {
    expect(() => parseModelConfig({ vocab_size: 10n })).toThrow(code('INVALID_CONFIG'));
  });

  it('a bigint or symbol device is INVALID_OPTION', async () => {
    await expect(
      createSession(fixtureModel('bert-tiny'), { device: 10n as never }),
    ).rejects.toThrow(code('INVALID_OPTION'));
    expect(() => checkSamplingOptions({ temperature: Symbol('t') as never }, 't')).toThrow(
      code('INVALID_OPTION'),
    );
  });
});

describe('numbers that used to be accepted', () => {
  it('a string topP is INVALID_OPTION ("0.5" > 0 coerced and passed)', () => {
    expect(() => checkSamplingOptions({ topP: '0.5' as never }, 't')).toThrow(
      code('INVALID_OPTION'),
    );
  });

  it('SequenceClassifier maxLength 0 is INVALID_OPTION (truncating to 0 kept every token)', () => {
    expect(() => new SequenceClassifier(cls, wordTokenizer('bert'), { maxLength: 0 })).toThrow(
      code('INVALID_OPTION'),
    );
    expect(() => new SequenceClassifier(cls, wordTokenizer('bert'), { maxLength: 65 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('1..64'),
      }),
    );
  });

  it('config.json vocab_size 0 is INVALID_CONFIG', () => {
    expect(() => parseModelConfig({ vocab_size: 0 })).toThrow(code('INVALID_CONFIG'));
  });

  it('planBatches rejects a NaN length (it sorted and batched it)', () => {
    expect(() => planBatches([3, NaN])).toThrow(code('INVALID_INPUT'));
  });

  it('QuestionAnswerer topK 0 is INVALID_OPTION', async () => {
    const answerer = new QuestionAnswerer(qa, wordTokenizer('bert'));
    await expect(answerer.answer('who ?', 'the cat', { topK: 0 })).rejects.toThrow(
      code('INVALID_OPTION'),
    );
  });

  it('TextGenerator caps maxNewTokens at 65536 and refuses an empty stop string', async () => {
    const gen = new TextGenerator(gpt, fullVocabTokenizer());
    await expect(gen.generate('the cat', { maxNewTokens: 65_537 })).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('65536'),
      }),
    );
    await expect(gen.generate('the cat', { stopStrings: [''] })).rejects.toThrow(
      code('INVALID_OPTION'),
    );
    await expect(gen.generate('the cat', { seed: 0.5 })).rejects.toThrow(code('INVALID_OPTION'));
  });

  it('createWorkerPool refuses size 1e9 before starting any thread (it ran out of memory)', async () => {
    await expect(createWorkerPool(fixtureModel('bert-tiny'), { size: 1e9 })).rejects.toThrow(
      code('INVALID_OPTION'),
    );
    await expect(createSession(fixtureModel('bert-tiny'), { intraOpThreads: 1e9 })).rejects.toThrow(
      code('INVALID_OPTION'),
    );
  });
});

describe('ids and tensors that reached BigInt or onnxruntime', () => {
  it('a non-integer prompt id is INVALID_INPUT (BigInt threw a RangeError)', async () => {
    const gen = new TextGenerator(gpt, fullVocabTokenizer());
    await expect(gen.generateIds([5, 1.5])).rejects.toThrow(code('INVALID_INPUT'));
  });

  it('a non-integer padTokenId of MultipleChoiceHead is INVALID_OPTION (BigInt threw a RangeError)', () => {
    expect(() => new MultipleChoiceHead(mc, wordTokenizer('gpt'), { padTokenId: 0.5 })).toThrow(
      code('INVALID_OPTION'),
    );
  });

  it('a tensor whose dims do not match its data is INVALID_INPUT (ort.Tensor threw a plain Error)', async () => {
    const bad = { ...bertFeeds, input_ids: { ...bertFeeds.input_ids, dims: [1, 4] } };
    await expect(bert.run(bad)).rejects.toThrow(code('INVALID_INPUT'));
    await expect(pool.run(bad)).rejects.toThrow(code('INVALID_INPUT'));
  });

  it('the pool sends only model inputs, so an uncloneable extra feed no longer wedges the worker', async () => {
    const out = await pool.run({ ...bertFeeds, extra: (() => 0) as never });
    expect(out['last_hidden_state']!.dims).toEqual([1, 3, 32]);
    expect((await pool.run(bertFeeds))['last_hidden_state']!.dims).toEqual([1, 3, 32]);
  });
});

describe('results that were NaN or made up', () => {
  it('max pooling a zero-length row is EMPTY_INPUT (it returned -Infinity, NaN once normalized)', () => {
    const hidden = { data: new Float32Array(4), dims: [1, 2, 2] };
    expect(() => poolHiddenStates(hidden, [0], 'max', true)).toThrow(code('EMPTY_INPUT'));
  });

  it('FeatureExtractor.extract of a text with no tokens is EMPTY_INPUT', async () => {
    const fx = new FeatureExtractor(bert, wordTokenizer('gpt'));
    await expect(fx.extract([''])).rejects.toThrow(code('EMPTY_INPUT'));
  });

  it('a NaN hidden state is INVALID_INPUT instead of a NaN vector', () => {
    const hidden = { data: Float32Array.from([1, NaN]), dims: [1, 1, 2] };
    expect(() => poolHiddenStates(hidden, [1], 'mean', false)).toThrow(code('INVALID_INPUT'));
  });

  it('processLogits rejects NaN logits instead of passing them on', () => {
    expect(() => processLogits([0, NaN], [], {})).toThrow(code('INVALID_INPUT'));
  });

  it('pickToken of no scores is EMPTY_INPUT (it returned id 0)', () => {
    expect(() => pickToken(new Float64Array(0), false, Math.random)).toThrow(code('EMPTY_INPUT'));
    expect(() => pickToken(Float64Array.of(-Infinity, -Infinity), true, Math.random)).toThrow(
      code('EMPTY_INPUT'),
    );
  });

  it('pickToken samples among +Infinity scores as the softmax limit (half each), not always the first', () => {
    // Two +Infinity scores and one finite: the limit of softmax is [0.5, 0.5, 0]; u = 0.75 falls in the second half.
    const scores = Float64Array.of(Infinity, Infinity, 3);
    expect(pickToken(scores, true, () => 0.75)).toBe(1);
    expect(pickToken(scores, true, () => 0.25)).toBe(0);
  });
});

describe('inputs that read stdin or hung', () => {
  it('readModelConfig(0) is INVALID_INPUT (a number was read as file descriptor 0: stdin, which blocks on a terminal)', async () => {
    await expect(readModelConfig(0 as never)).rejects.toThrow(code('INVALID_INPUT'));
  });

  it('mapModelIo with a past layer index of 4e9 returns at once (it walked a 4e9-slot sparse array)', () => {
    const started = performance.now();
    const names = ['past.0.key', 'past.0.value', 'past.4000000000.key'];
    const io = mapModelIo(
      names.map((name) => ({ name, type: 'float32', shape: [] })),
      [],
    );
    expect(io.pastKeyValues).toEqual([{ key: 'past.0.key', value: 'past.0.value' }]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
