import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CausalLmScorer,
  FeatureExtractor,
  SequenceClassifier,
  TextGenerator,
  createSession,
} from '@nlpft/inference';
import type { InferenceModel } from '@nlpft/inference';
import { Tokenizer } from '@nlpft/tokenizers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fixtureModel,
  fixtureTokenizerJson,
  inferenceFixtures,
  runNlpft,
  writeFiles,
} from './run-nlpft.test-helper';
import { readFileSync } from 'node:fs';

// PyTorch's outputs for the fixture models (packages/inference/fixtures/reference.json, scripts/export_models.py).
interface Reference {
  cases: {
    bert_singles: { texts: string[]; logits: { data: number[] } };
    gpt2_greedy: {
      max_new_tokens: number;
      generations: { prompt: string; greedy_ids: number[] }[];
    };
    gpt2_scores: { texts: string[]; per_text: { perplexity: number }[]; corpus_perplexity: number };
  };
}
const reference = (): Reference['cases'] =>
  (JSON.parse(readFileSync(join(inferenceFixtures(), 'reference.json'), 'utf8')) as Reference)
    .cases;

let dir: string;
const sessions: InferenceModel[] = [];
const session = async (name: string): Promise<InferenceModel> => {
  const s = await createSession(fixtureModel(name));
  sessions.push(s);
  return s;
};
const tokenizer = (style: 'bert' | 'gpt') => Tokenizer.fromString(fixtureTokenizerJson(style));

beforeAll(() => {
  dir = writeFiles({
    'bert.json': fixtureTokenizerJson('bert'),
    'gpt.json': fixtureTokenizerJson('gpt'),
  });
});
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.dispose()));
});

const jsonl = <T>(text: string): T[] =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as T);

const predict = (args: string[], stdin: string) =>
  runNlpft(['predict', ...args], { stdin, cwd: dir });

interface ClassifyRecord {
  label: string;
  index: number;
  score: number;
  probabilities: Record<string, number>;
}

describe('nlpft predict --task classify', () => {
  it("gives SequenceClassifier.classify's numbers, and PyTorch's within float32 error", async () => {
    const { texts, logits } = reference().bert_singles;
    const r = await predict(
      ['-m', fixtureModel('bert-tiny-cls'), '-t', 'bert.json', '--task', 'classify'],
      texts.join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = jsonl<ClassifyRecord>(r.stdout);
    const direct = await new SequenceClassifier(
      await session('bert-tiny-cls'),
      tokenizer('bert'),
    ).classify(texts);
    expect(out).toEqual(
      direct.map((d) => ({
        label: d.label,
        index: d.index,
        score: d.score,
        probabilities: {
          negative: d.probabilities[0],
          neutral: d.probabilities[1],
          positive: d.probabilities[2],
        },
      })),
    );
    // PyTorch logits → softmax; float32 model outputs agree to ~1e-5 in probability.
    out.forEach((o, i) => {
      const l = logits.data.slice(3 * i, 3 * i + 3);
      const z = l.map((x) => Math.exp(x - Math.max(...l)));
      const sum = z.reduce((a, b) => a + b, 0);
      ['negative', 'neutral', 'positive'].forEach((name, k) =>
        expect(Math.abs(o.probabilities[name]! - z[k]! / sum)).toBeLessThan(1e-5),
      );
    });
  });

  it('classifies tab-separated pairs with --pair and names labels with --labels', async () => {
    const pairs: [string, string][] = [
      ['the cat sat on the mat', 'where is the cat ?'],
      ['loved it', 'the plot was fun'],
    ];
    const r = await predict(
      [
        '-m',
        fixtureModel('bert-tiny-cls'),
        '-t',
        'bert.json',
        '--task',
        'classify',
        '--pair',
        '--labels',
        'neg,mid,pos',
      ],
      pairs.map((p) => p.join('\t')).join('\n'),
    );
    const direct = await new SequenceClassifier(await session('bert-tiny-cls'), tokenizer('bert'), {
      labels: ['neg', 'mid', 'pos'],
    }).classify(pairs);
    expect(jsonl<ClassifyRecord>(r.stdout).map((o) => [o.label, o.score])).toEqual(
      direct.map((d) => [d.label, d.score]),
    );
  });
});

describe('nlpft predict --task features', () => {
  it("gives FeatureExtractor.extract's vectors", async () => {
    const texts = ['the movie was great fun', 'paris', 'who wrote this book ?'];
    const r = await predict(
      [
        '-m',
        fixtureModel('bert-tiny'),
        '-t',
        'bert.json',
        '--task',
        'features',
        '--pooling',
        'cls',
        '--normalize',
      ],
      texts.join('\n'),
    );
    const direct = await new FeatureExtractor(
      await session('bert-tiny'),
      tokenizer('bert'),
    ).extract(texts, {
      pooling: 'cls',
      normalize: true,
    });
    const out = jsonl<{ embedding: number[] }>(r.stdout);
    expect(out.map((o) => o.embedding)).toEqual(direct.map((v) => Array.from(v)));
    expect(out[0]!.embedding).toHaveLength(32);
    out.forEach((o) => expect(Math.hypot(...o.embedding)).toBeCloseTo(1, 6));
  });
});

describe('nlpft predict --task generate', () => {
  it("gives PyTorch's greedy tokens (KV cache model) and TextGenerator's text", async () => {
    const { max_new_tokens: n, generations } = reference().gpt2_greedy;
    const r = await predict(
      [
        '-m',
        fixtureModel('gpt2-tiny-with-past'),
        '-t',
        'gpt.json',
        '--task',
        'generate',
        '--max-new-tokens',
        String(n),
      ],
      generations.map((g) => g.prompt).join('\n'),
    );
    expect(r.code).toBe(0);
    const out = jsonl<{ prompt: string; text: string; ids: number[]; finishReason: string }>(
      r.stdout,
    );
    const gen = new TextGenerator(await session('gpt2-tiny-with-past'), tokenizer('gpt'));
    for (const [i, g] of generations.entries()) {
      // PyTorch generated without stopping at eos; no prompt here reaches id 3 within n tokens.
      expect(out[i]!.ids).toEqual(g.greedy_ids);
      const direct = await gen.generate(g.prompt, { maxNewTokens: n });
      expect(out[i]).toEqual({
        prompt: g.prompt,
        text: direct.text,
        ids: direct.ids,
        finishReason: direct.finishReason,
      });
    }
  });

  it('samples reproducibly with --do-sample --seed', async () => {
    const args = [
      '-m',
      fixtureModel('gpt2-tiny'),
      '-t',
      'gpt.json',
      '--task',
      'generate',
      '--do-sample',
      '--seed',
      '3',
      '--top-k',
      '20',
    ];
    const a = await predict(args, 'the cat');
    const direct = await new TextGenerator(await session('gpt2-tiny'), tokenizer('gpt')).generate(
      'the cat',
      {
        doSample: true,
        seed: 3,
        topK: 20,
      },
    );
    expect(jsonl<{ ids: number[] }>(a.stdout)[0]!.ids).toEqual(direct.ids);
  });
});

describe('nlpft predict --task score', () => {
  it("gives CausalLmScorer's log-probabilities, and PyTorch's perplexities through eval perplexity", async () => {
    const { texts, per_text, corpus_perplexity } = reference().gpt2_scores;
    const r = await predict(
      ['-m', fixtureModel('gpt2-tiny'), '-t', 'gpt.json', '--task', 'score'],
      texts.join('\n'),
    );
    const out = jsonl<{ ids: number[]; tokenLogProbs: number[]; nll: number; perplexity: number }>(
      r.stdout,
    );
    const direct = await new CausalLmScorer(await session('gpt2-tiny'), tokenizer('gpt')).score(
      texts,
    );
    expect(out).toEqual(
      direct.map((d) => ({
        ids: d.ids,
        tokenLogProbs: Array.from(d.tokenLogProbs),
        nll: d.nll,
        perplexity: d.perplexity,
      })),
    );
    // float32 logits: perplexities agree with PyTorch to 4 significant digits.
    out.forEach((o, i) => expect(o.perplexity / per_text[i]!.perplexity).toBeCloseTo(1, 4));
    const ppl = await runNlpft(['eval', 'perplexity', '--json'], { stdin: r.stdout });
    const corpus = (JSON.parse(ppl.stdout) as { perplexity: number }).perplexity;
    expect(corpus / corpus_perplexity).toBeCloseTo(1, 4);
    const lm = new CausalLmScorer(await session('gpt2-tiny'), tokenizer('gpt'));
    expect(corpus).toBeCloseTo((await lm.perplexity(texts)).corpusPerplexity, 10);
  });
});

describe('nlpft predict --no-special-tokens', () => {
  it('encodes without the post-processor: a [CLS]/[SEP] tokenizer then scores as one without them', async () => {
    const texts = ['the cat sat on the mat', 'a dog ran'];
    const args = (tok: string, ...extra: string[]) => [
      '-m',
      fixtureModel('gpt2-tiny'),
      '-t',
      tok,
      '--task',
      'score',
      ...extra,
    ];
    type Scored = { ids: number[]; nll: number };
    const plain = jsonl<Scored>((await predict(args('gpt.json'), texts.join('\n'))).stdout);
    const wrapped = jsonl<Scored>((await predict(args('bert.json'), texts.join('\n'))).stdout);
    const stripped = jsonl<Scored>(
      (await predict(args('bert.json', '--no-special-tokens'), texts.join('\n'))).stdout,
    );
    const bert = tokenizer('bert');
    expect(wrapped[0]!.ids).toEqual(bert.encode(texts[0]!).ids);
    expect(wrapped[0]!.ids[0]).toBe(bert.tokenToId('[CLS]'));
    expect(stripped).toEqual(plain);
    expect(stripped[0]!.ids).toEqual(bert.encode(texts[0]!, null, { addSpecialTokens: false }).ids);
  });
});

describe('nlpft predict options and errors', () => {
  it('reads --config YAML with paths relative to the config file, and writes --output', async () => {
    const folder = writeFiles({ 'tok.json': fixtureTokenizerJson('bert') });
    copyFileSync(fixtureModel('bert-tiny-cls'), join(folder, 'model.onnx'));
    copyFileSync(
      join(inferenceFixtures(), 'bert-tiny-cls', 'config.json'),
      join(folder, 'config.json'),
    );
    writeFileSync(
      join(folder, 'predict.yaml'),
      'model: model.onnx\ntokenizer: tok.json\ntask: classify\nbatch-size: 1\n',
    );
    const r = await runNlpft(
      ['predict', '--config', join(folder, 'predict.yaml'), '-o', join(folder, 'out.jsonl')],
      {
        stdin: 'paris\n',
      },
    );
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const direct = await new SequenceClassifier(
      await session('bert-tiny-cls'),
      tokenizer('bert'),
    ).classify(['paris']);
    expect(jsonl<ClassifyRecord>(readFileSync(join(folder, 'out.jsonl'), 'utf8'))[0]!.score).toBe(
      direct[0]!.score,
    );
  });

  it('names a missing model file', async () => {
    const r = await predict(
      ['-m', 'nope/model.onnx', '-t', 'bert.json', '--task', 'classify'],
      'a',
    );
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `error[FILE_NOT_FOUND]: nlpft predict: --model: no file at ${join(dir, 'nope/model.onnx')}\n`,
    });
  });

  it('names a missing tokenizer file', async () => {
    const r = await predict(
      ['-m', fixtureModel('bert-tiny'), '-t', 'missing.json', '--task', 'features'],
      'a',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error[FILE_NOT_FOUND]: nlpft predict: --tokenizer: no file at ${join(dir, 'missing.json')}\n`,
    );
  });

  it("surfaces InferenceError MISSING_OUTPUT, listing the model's outputs, for a model without what the task needs", async () => {
    const r = await predict(
      ['-m', fixtureModel('bert-tiny'), '-t', 'bert.json', '--task', 'classify'],
      'a cat',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error\[InferenceError MISSING_OUTPUT\]: nlpft predict: SequenceClassifier: .*last_hidden_state/,
    );
    const gen = await predict(
      ['-m', fixtureModel('bert-tiny-cls'), '-t', 'bert.json', '--task', 'features'],
      'a cat',
    );
    expect(gen.stderr).toMatch(
      /^error\[InferenceError MISSING_OUTPUT\]: nlpft predict: FeatureExtractor: .*logits/,
    );
  });

  it('surfaces SEQUENCE_TOO_LONG for a text longer than the model, and --truncation cuts it', async () => {
    const long = Array.from({ length: 80 }, () => 'cat').join(' ');
    const r = await predict(
      ['-m', fixtureModel('bert-tiny-cls'), '-t', 'bert.json', '--task', 'classify'],
      long,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error\[InferenceError SEQUENCE_TOO_LONG\]: nlpft predict: /);
    const cut = await predict(
      [
        '-m',
        fixtureModel('bert-tiny-cls'),
        '-t',
        'bert.json',
        '--task',
        'classify',
        '--truncation',
      ],
      long,
    );
    expect(cut.code).toBe(0);
  });

  it('requires --task and names a bad one', async () => {
    const none = await predict(['-m', fixtureModel('bert-tiny'), '-t', 'bert.json'], 'a');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('nlpft predict: --task is required');
    const bad = await predict(
      ['-m', fixtureModel('bert-tiny'), '-t', 'bert.json', '--task', 'qa'],
      'a',
    );
    expect(bad.stderr).toContain(
      '--task: expected one of classify, features, generate, score, got "qa"',
    );
  });
});
