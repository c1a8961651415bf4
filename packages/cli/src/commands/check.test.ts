import { stringify as stringifyYaml } from 'yaml';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSuite, runSuite, suiteResultJson } from '@nlpft/behavior';
import { SequenceClassifier, createSession } from '@nlpft/inference';
import { repoRoot } from '@nlpft/test-utils';
import { Tokenizer } from '@nlpft/tokenizers';
import { SeededRng, finetunePretrained } from '@nlpft/training';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNlpft, tempDir } from './run-nlpft.test-helper';

const BERT = join(repoRoot(), 'packages', 'training', 'fixtures', 'hf', 'bert-opset14');
const POSITIVE = ['good', 'great', 'fun', 'loved', 'liked', 'happy'];
const NEGATIVE = ['bad', 'terrible', 'boring', 'hated', 'sad'];
const NEUTRAL = ['the', 'movie', 'film', 'plot', 'actor', 'story', 'cat', 'dog', 'old', 'it'];
const SUITE = {
  name: 'sentiment',
  tests: [
    {
      kind: 'mft',
      name: 'keywords',
      examples: [
        { text: 'the film was great', label: 1 },
        { text: 'the plot was boring', label: 0 },
      ],
    },
    {
      kind: 'inv',
      name: 'typos',
      texts: ['the movie was good', 'it was sad', 'the actor hated it'],
      perturbation: 'typoSwap',
      samples: 3,
    },
    {
      kind: 'inv',
      name: 'upper case',
      texts: ['the movie was good', 'it was bad'],
      perturbation: 'changeCase',
    },
    {
      kind: 'dir',
      name: 'zero width',
      texts: ['the film was fun'],
      perturbation: 'zeroWidth',
      expectation: { type: 'not-decrease', label: 1, tolerance: 0.1 },
    },
  ],
};

let dir: string;
let model: string;
beforeAll(async () => {
  dir = tempDir();
  model = join(dir, 'classifier');
  const rng = new SeededRng(1);
  const pick = (xs: readonly string[]) => xs[rng.int(xs.length)]!;
  const data = Array.from({ length: 96 }, (_, i) => ({
    text: `${pick(NEUTRAL)} ${pick(NEUTRAL)} ${pick(i % 2 === 1 ? POSITIVE : NEGATIVE)}`,
    label: i % 2,
  }));
  await finetunePretrained({
    model: BERT,
    train: data,
    test: data.slice(0, 8),
    labels: ['negative', 'positive'],
    epochs: 4,
    learningRate: 3e-3,
    output: model,
  });
  writeFileSync(join(dir, 'suite.json'), JSON.stringify(SUITE));
});

describe('nlpft check', () => {
  it('runs a suite file against a fine-tuned folder: the library’s failure rates, as a table, JSON and HTML', async () => {
    const r = await runNlpft(
      ['check', '--model', model, '--seed', '2', '--html', 'behaviour.html', 'suite.json'],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const name of ['keywords', 'typos', 'upper case', 'zero width'])
      expect(r.stdout).toContain(name);
    const json = await runNlpft(
      ['check', '--model', model, '--seed', '2', '--json', 'suite.json'],
      { cwd: dir },
    );
    // The same suite through @nlpft/behavior and @nlpft/inference directly.
    const session = await createSession(join(model, 'onnx', 'model.onnx'));
    const classifier = new SequenceClassifier(
      session,
      Tokenizer.fromJSON(JSON.parse(readFileSync(join(model, 'tokenizer.json'), 'utf8'))),
      { truncation: true },
    );
    const expected = await runSuite(
      parseSuite(SUITE, 'suite.json'),
      async (texts) =>
        (await classifier.classify(texts)).map((c) => ({
          label: c.index,
          probs: Array.from(c.probabilities),
        })),
      { seed: 2, batchSize: 32 },
    );
    await session.dispose();
    expect(json.stdout).toBe(suiteResultJson(expected));
    // The same suite written as YAML gives the same result.
    writeFileSync(join(dir, 'suite.yaml'), stringifyYaml(SUITE));
    const fromYaml = await runNlpft(
      ['check', '--model', model, '--seed', '2', '--json', 'suite.yaml'],
      { cwd: dir },
    );
    expect(fromYaml.stdout).toBe(json.stdout);
    const html = readFileSync(join(dir, 'behaviour.html'), 'utf8');
    expect(html).toContain('<section class="nlpft-behavior">');
    expect(html).toContain('<svg');
  });

  it('names a bad suite file and a folder that is not a classifier', async () => {
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        name: 's',
        tests: [{ kind: 'inv', name: 'x', texts: ['a'], perturbation: 'typo' }],
      }),
    );
    const bad = await runNlpft(['check', '--model', model, 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /error\[BehaviorError INVALID_OPTION\]: .*bad\.json\.tests\[0\]\.perturbation "typo" is not one of/,
    );
    writeFileSync(join(dir, 'broken.json'), '{ nope');
    expect(
      (await runNlpft(['check', '--model', model, 'broken.json'], { cwd: dir })).stderr,
    ).toMatch(/broken\.json: not JSON/);
    writeFileSync(join(dir, 'broken.yaml'), 'tests: [unclosed');
    expect(
      (await runNlpft(['check', '--model', model, 'broken.yaml'], { cwd: dir })).stderr,
    ).toMatch(/broken\.yaml: not YAML/);
    const folder = await runNlpft(['check', '--model', dir, 'suite.json'], { cwd: dir });
    expect(folder.stderr).toMatch(/is not a classifier folder/);
  });
});
