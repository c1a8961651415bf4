// Every fix an error message suggests must exist: the option it names is one the failing task takes, and passing it
// makes the same call work.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CausalLmScorer } from './causal-lm-scorer';
import { createSession } from './create-session';
import type { InferenceModel } from './create-session';
import { FeatureExtractor } from './feature-extractor';
import { chooseByLikelihood, MultipleChoiceHead } from './multiple-choice';
import { SequenceClassifier } from './sequence-classifier';
import { TextGenerator } from './text-generator';
import { fixtureModel, wordTokenizer } from './test-fixtures';

const src = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(src)
  .filter((f) => f.endsWith('.ts') && !f.includes('.test') && f !== 'test-fixtures.ts')
  .map((f) => readFileSync(join(src, f), 'utf8'))
  .join('\n');
// Message text: the source without doc and line comments.
const code = sources
  .split('\n')
  .filter((line) => !/^\s*(\*|\/\*\*|\/\/)/.test(line))
  .join('\n');
const long = Array.from({ length: 80 }, () => 'cat').join(' ');

/** The error a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

let bert: InferenceModel;
let encoder: InferenceModel;
let gpt: InferenceModel;
let mc: InferenceModel;
beforeAll(async () => {
  bert = await createSession(fixtureModel('bert-tiny-cls'));
  encoder = await createSession(fixtureModel('bert-tiny'));
  gpt = await createSession(fixtureModel('gpt2-tiny'));
  mc = await createSession(fixtureModel('gpt2-tiny-mc'));
});
afterAll(async () => {
  await Promise.all([bert, encoder, gpt, mc].map((m) => m.dispose()));
});

describe('suggested fixes in error messages', () => {
  it('each option a message tells the caller to pass is a declared option', () => {
    const suggested = [...code.matchAll(/\bpass (\w+)(?::|\s|,|$)/g)].map((m) => m[1]!);
    expect(suggested.length).toBeGreaterThan(0);
    for (const name of new Set(suggested)) {
      if (name === 'them' || name === 'its') continue; // "pass them to createSession as config", "pass its id"
      expect(sources, `option ${name}`).toMatch(new RegExp(`readonly ${name}\\?:`));
    }
  });

  it('SequenceClassifier: the message says truncation: true, and it then classifies', async () => {
    const e = await failure(new SequenceClassifier(bert, wordTokenizer('bert')).classify([long]));
    expect(e).toMatchObject({ code: 'SEQUENCE_TOO_LONG' });
    expect(e.message).toMatch(/pass truncation: true/);
    const clf = new SequenceClassifier(bert, wordTokenizer('bert'), { truncation: true });
    expect(await clf.classify([long])).toHaveLength(1);
  });

  it('FeatureExtractor: the message says truncation: true, and it then extracts', async () => {
    const e = await failure(new FeatureExtractor(encoder, wordTokenizer('bert')).extract([long]));
    expect(e).toMatchObject({ code: 'SEQUENCE_TOO_LONG' });
    expect(e.message).toMatch(/pass truncation: true/);
    const fx = new FeatureExtractor(encoder, wordTokenizer('bert'), { truncation: true });
    const [v] = await fx.extract([long]);
    expect(v).toHaveLength(32);
  });

  it('CausalLmScorer.score: the message says stride (no truncation option), and it then scores', async () => {
    const scorer = new CausalLmScorer(gpt, wordTokenizer('gpt'));
    const e = await failure(scorer.score([long]));
    expect(e).toMatchObject({ code: 'SEQUENCE_TOO_LONG' });
    expect(e.message).toMatch(/pass stride/);
    expect(e.message).not.toMatch(/truncation/);
    const [s] = await scorer.score([long], { stride: 32 });
    expect(s!.tokenLogProbs).toHaveLength(79);
    expect(Number.isFinite(s!.perplexity)).toBe(true);
  });

  it('chooseByLikelihood: the scorer message says stride, and chooseByLikelihood forwards it', async () => {
    const scorer = new CausalLmScorer(gpt, wordTokenizer('gpt'));
    const question = { context: long, choices: ['mat', 'river'] };
    const e = await failure(chooseByLikelihood(scorer, question));
    expect(e.message).toMatch(/pass stride/);
    const r = await chooseByLikelihood(scorer, question, { stride: 32 });
    expect(r.scores.every(Number.isFinite)).toBe(true);
  });

  it('MultipleChoiceHead and TextGenerator have no truncation option, and their messages do not suggest one', async () => {
    const head = new MultipleChoiceHead(mc, wordTokenizer('gpt'));
    const e = await failure(head.choose([{ context: long, choices: ['a', 'b'] }]));
    expect(e).toMatchObject({ code: 'SEQUENCE_TOO_LONG' });
    expect(e.message).toMatch(/shorten the context or the choice$/);
    const gen = new TextGenerator(gpt, wordTokenizer('gpt'));
    const g = await failure(gen.generate(long));
    expect(g).toMatchObject({ code: 'SEQUENCE_TOO_LONG' });
    expect(g.message).toMatch(/shorten the prompt$/);
  });
});
