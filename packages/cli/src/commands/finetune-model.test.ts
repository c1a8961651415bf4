import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@nlpft/test-utils';
import { FINETUNE_STRATEGIES, SeededRng, finetunePretrained } from '@nlpft/training';
import type { LabelledInput } from '@nlpft/training';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNlpft, tempDir } from './run-nlpft.test-helper';
import { runWithCtrlC } from './training-commands.test-helper';

// A Hugging Face-shaped BERT export with a 3-class head (packages/training/fixtures/hf, made by a committed script).
const BERT = join(repoRoot(), 'packages', 'training', 'fixtures', 'hf', 'bert-opset14');

// Sentiment in the fixture tokenizer's words; the TSV labels sort to negative = 0, positive = 1.
const POSITIVE = ['good', 'great', 'fun', 'loved', 'liked', 'happy'];
const NEGATIVE = ['bad', 'terrible', 'boring', 'hated', 'sad'];
const NEUTRAL = ['the', 'movie', 'film', 'plot', 'actor', 'story', 'cat', 'dog', 'old', 'it'];
function sentiment(n: number, seed: number): LabelledInput[] {
  const rng = new SeededRng(seed);
  const pick = (xs: readonly string[]) => xs[rng.int(xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const words = [0, 1, 2, 3].map(() => pick(NEUTRAL));
    words.splice(rng.int(5), 0, pick(i % 2 === 1 ? POSITIVE : NEGATIVE));
    return { text: words.join(' '), label: i % 2 };
  });
}
const TRAIN = sentiment(48, 1);
const TEST = sentiment(24, 2);
const LABELS = ['negative', 'positive'];

let dir: string;
beforeAll(() => {
  dir = tempDir();
  const tsv = (items: readonly LabelledInput[]) =>
    items.map((e) => `${LABELS[e.label]}\t${e.text}\n`).join('');
  writeFileSync(join(dir, 'train.tsv'), tsv(TRAIN));
  writeFileSync(join(dir, 'test.tsv'), tsv(TEST));
});

const RUN = ['--epochs', '1', '--batch-size', '16', '--learning-rate', '0.003'];
// The tiny-model mode (a tokenizer, no folder), for the flags that only go with --model.
const TINY = ['finetune', '-t', 'tokenizer.json', '--train', 'train.tsv', '--test', 'test.tsv'];
/** The library call `RUN` stands for, on the same examples. */
const libraryRun = (strategy?: (typeof FINETUNE_STRATEGIES)[number]) =>
  finetunePretrained({
    model: BERT,
    train: TRAIN,
    test: TEST,
    ...(strategy !== undefined ? { strategy } : {}),
    labels: LABELS,
    epochs: 1,
    batchSize: 16,
    learningRate: 0.003,
  });
const base = () => [
  'finetune',
  '--model',
  BERT,
  '--train',
  'train.tsv',
  '--test',
  'test.tsv',
  ...RUN,
];

describe('nlpft finetune --model DIR', () => {
  it.each(FINETUNE_STRATEGIES)(
    '--strategy %s fine-tunes the folder, scores as the library does and writes a model folder',
    async (strategy) => {
      const out = join(dir, `out-${strategy}`);
      const r = await runNlpft([...base(), '--strategy', strategy, '--output', out, '--json'], {
        cwd: dir,
      });
      expect(r.stderr).not.toMatch(/error/);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as {
        runs: { accuracy: number; f1: number }[];
        labels: string[];
      };
      expect(json.labels).toEqual(LABELS);
      // The command is the library call on the same examples and settings: the same numbers.
      const expected = await libraryRun(strategy);
      expect(json.runs[0]!.accuracy).toBe(expected.accuracy);
      expect(json.runs[0]!.f1).toBe(expected.f1);
      const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(config['id2label']).toEqual({ '0': 'negative', '1': 'positive' });
      expect(existsSync(join(out, 'onnx', 'model.onnx'))).toBe(true);
      expect(existsSync(join(out, 'tokenizer.json'))).toBe(true);
      const onnx = readFileSync(join(out, 'onnx', 'model.onnx'), 'latin1');
      expect(onnx.includes('lora_A')).toBe(false); // merged into the weights unless --keep-lora
    },
  );

  it('Ctrl-C saves a checkpoint; the same command resumes and ends as an uninterrupted run', async () => {
    const argv = (out: string) => [...base(), '--epochs', '3', '--output', out, '--json'];
    const straight = await runNlpft(argv(join(dir, 'straight')), { cwd: dir });
    expect(straight.code).toBe(0);
    const out = join(dir, 'interrupted');
    // The progress lines go to standard error; press Ctrl-C at the first one.
    const stopped = await runWithCtrlC(argv(out), dir, /finetune seed 0/);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(
      /the checkpoint is in .*interrupted-runs.seed-0: run the same command again to resume/,
    );
    expect(existsSync(join(out, 'config.json'))).toBe(false); // no half-trained model where the result goes
    const resumed = await runNlpft(argv(out), { cwd: dir });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/seed 0 resumed from step \d+/);
    const runs = (r: { stdout: string }) =>
      (JSON.parse(r.stdout) as { runs: { lossCurve: unknown; accuracy: number }[] }).runs;
    expect(runs(resumed)[0]!.lossCurve).toEqual(runs(straight)[0]!.lossCurve);
    expect(runs(resumed)[0]!.accuracy).toBe(runs(straight)[0]!.accuracy);
    expect(readFileSync(join(out, 'onnx', 'model.onnx'))).toEqual(
      readFileSync(join(dir, 'straight', 'onnx', 'model.onnx')),
    );
  });

  it('--keep-lora keeps the LoRA tensors in the saved folder', async () => {
    const out = join(dir, 'out-keep-lora');
    const r = await runNlpft(
      [...base(), '--strategy', 'lora', '--keep-lora', '--output', out, '-q'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'onnx', 'model.onnx'), 'latin1')).toContain('lora_A');
  });

  it('with several seeds saves the best by test accuracy and says so', async () => {
    const out = join(dir, 'seeds');
    const r = await runNlpft([...base(), '--seeds', '1,2', '--output', out], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/over 2 seeds/);
    expect(r.stderr).toMatch(
      /saved seed [12] \(best test accuracy of 2 seeds; the choice is made on --test/,
    );
    expect(existsSync(join(out, 'config.json'))).toBe(true);
  });

  it('--device cuda without the CUDA provider libraries is a typed error, not a crash', async () => {
    const r = await runNlpft([...base(), '--device', 'cuda', '-q'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error\[OnnxError PROVIDER_UNAVAILABLE\]|^error\[\w+ (PROVIDER|CUDA)_UNAVAILABLE\]/m,
    );
  });

  it('reads pair examples from JSON lines ("text_pair") and encodes them as the tokenizer’s pairs', async () => {
    const jsonl = (items: readonly LabelledInput[]) =>
      items
        .map(
          (e, i) =>
            `${JSON.stringify({ text: e.text, text_pair: TRAIN[(i + 3) % TRAIN.length]!.text, label: LABELS[e.label] })}\n`,
        )
        .join('');
    writeFileSync(join(dir, 'pairs-train.jsonl'), jsonl(TRAIN));
    writeFileSync(join(dir, 'pairs-test.jsonl'), jsonl(TEST));
    const argv = [
      'finetune',
      '--model',
      BERT,
      '--train',
      'pairs-train.jsonl',
      '--test',
      'pairs-test.jsonl',
      ...RUN,
      '--json',
    ];
    const r = await runNlpft(argv, { cwd: dir });
    expect(r.code).toBe(0);
    const pairs = (items: readonly LabelledInput[]) =>
      items.map((e, i) => ({ ...e, textPair: TRAIN[(i + 3) % TRAIN.length]!.text }));
    const expected = await finetunePretrained({
      model: BERT,
      train: pairs(TRAIN),
      test: pairs(TEST),
      labels: LABELS,
      epochs: 1,
      batchSize: 16,
      learningRate: 0.003,
    });
    expect((JSON.parse(r.stdout) as { runs: { accuracy: number }[] }).runs[0]!.accuracy).toBe(
      expected.accuracy,
    );
    const tiny = await runNlpft(
      ['finetune', '-t', 'tok.json', '--train', 'pairs-train.jsonl', '--test', 'pairs-test.jsonl'],
      { cwd: dir },
    );
    expect(tiny.stderr).toMatch(/has a "text_pair": pair examples need --model DIR/);
  });

  it('--gradient-checkpointing recomputes activations and scores as the plain run does', async () => {
    const r = await runNlpft([...base(), '--gradient-checkpointing', '--json'], { cwd: dir });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { runs: { accuracy: number; loss?: number }[] };
    const plain = await libraryRun();
    // Gradients agree to float rounding (tested in @nlpft/training); on 24 test examples the accuracy is the same.
    expect(json.runs[0]!.accuracy).toBe(plain.accuracy);
    const tiny = await runNlpft([...TINY, '--gradient-checkpointing'], { cwd: dir });
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toMatch(/--gradient-checkpointing: only with --model DIR/);
  });

  it('names the flags that do not go with each mode', async () => {
    const tiny = await runNlpft([...base(), '-t', 'tokenizer.json', '--layers', '2'], { cwd: dir });
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toMatch(/--tokenizer, --layers: not with --model/);
    const lora = await runNlpft([...TINY, '--strategy', 'lora'], { cwd: dir });
    expect(lora.code).toBe(2);
    expect(lora.stderr).toMatch(/--strategy lora needs --model DIR/);
    const file = await runNlpft(
      [...base().slice(0, 2), join(BERT, 'config.json'), ...base().slice(3)],
      { cwd: dir },
    );
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/is a file; --model takes a Hugging Face model folder/);
    const neither = await runNlpft(['finetune', '--train', 'train.tsv', '--test', 'test.tsv'], {
      cwd: dir,
    });
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/--tokenizer FILE \(or --model DIR\) is required/);
  });
});
