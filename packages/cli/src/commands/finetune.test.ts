import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@nlpft/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { finetuneClassifier, pretrainLanguageModel } from '@nlpft/training';
import type { FinetuneOptions, FinetuneResult } from '@nlpft/training';
import { TINY, toyTokenizerJson } from './toy-data.test-helper';
import { formatConfusionMatrix } from './eval-classification';
import { runNlpft } from './run-nlpft.test-helper';
import {
  CORPUS,
  HELD_OUT,
  TEST_TASK,
  TINY_FLAGS,
  TRAIN_TASK,
  labelName,
  runWithCtrlC,
  toyFolder,
} from './training-commands.test-helper';

let dir: string;
let tokenizer: Tokenizer;
/** A GPT-2 pre-trained by the pipeline in dir/gpt (with its result.json). */
let gpt: string;
beforeAll(async () => {
  dir = await toyFolder();
  tokenizer = Tokenizer.fromJSON(await toyTokenizerJson());
  gpt = (
    await pretrainLanguageModel({
      objective: 'clm',
      tokenizer,
      train: CORPUS,
      heldOut: HELD_OUT,
      model: TINY,
      steps: 10,
      batchSize: 16,
      learningRate: 0.01,
      outputDir: join(dir, 'gpt'),
    })
  ).modelPath;
});

const RUN = ['--epochs', '2', '--batch-size', '16', '--learning-rate', '0.01'];
const base = ['finetune', '-t', 'tokenizer.json', '--train', 'train.tsv', '--test', 'test.tsv'];

/**
 * What the command should compute: the pipeline on the same examples ("other" → 0, "red" → 1). The size comes
 * from the pre-training run, the dropout does not: it is --dropout's default, 0.1 (the run's is 0).
 */
function pipelineRun(overrides: Partial<FinetuneOptions> = {}): Promise<FinetuneResult> {
  return finetuneClassifier({
    tokenizer,
    train: TRAIN_TASK,
    test: TEST_TASK,
    model: { ...TINY, dropout: 0.1 },
    architecture: 'gpt2',
    pretrained: gpt,
    strategy: 'full',
    epochs: 2,
    batchSize: 16,
    learningRate: 0.01,
    ...overrides,
  });
}

const f4 = (x: number) => x.toFixed(4);

describe('nlpft finetune', () => {
  it('fine-tunes the pre-trained GPT-2 (size and architecture from its result.json, dropout 0.1) as finetuneClassifier does', async () => {
    const r = await runNlpft([...base, '--pretrained', 'gpt/model.onnx', ...RUN], { cwd: dir });
    expect(r.code).toBe(0);
    const expected = await pipelineRun();
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `nlpft finetune: gpt2 (1 layer, hidden 16, 2 heads, intermediate 32, 16 tokens, dropout 0.1) from ${join(dir, 'gpt', 'model.onnx')}, ` +
        'strategy full; 48 train / 32 test examples; labels 0=other 1=red',
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^seed 0: accuracy ${f4(expected.accuracy)} \\(95% CI ${f4(expected.accuracyCi[0])}–${f4(expected.accuracyCi[1])}\\)  ` +
          `precision ${f4(expected.precision)}  recall ${f4(expected.recall)}  F1 ${f4(expected.f1)}  ` +
          `\\(loss ${expected.lossCurve[0]!.loss.toFixed(3)} → ${expected.lossCurve.at(-1)!.loss.toFixed(3)}, 6 steps in 0:0\\d\\)$`,
      ),
    );
    expect(lines.slice(2).join('\n')).toBe(
      'confusion matrix (rows: true label, columns: predicted label)\n' +
        `${formatConfusionMatrix(['other', 'red'], expected.confusion)}\n`,
    );
  });

  it('reads JSON lines, runs each of --seeds and prints mean ± sample std; --json carries the same numbers', async () => {
    const jsonl = (items: typeof TRAIN_TASK) =>
      items.map((e) => JSON.stringify({ text: e.text, label: labelName(e.label) }) + '\n').join('');
    writeFileSync(join(dir, 'train.jsonl'), jsonl(TRAIN_TASK));
    writeFileSync(join(dir, 'test.jsonl'), jsonl(TEST_TASK));
    const args = [
      'finetune',
      '-t',
      'tokenizer.json',
      '--train',
      'train.jsonl',
      '--test',
      'test.jsonl',
      '--pretrained',
      'gpt/model.onnx',
      '--seeds',
      '1,2,3',
      ...RUN,
    ];
    const r = await runNlpft([...args, '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      labels: string[];
      runs: (FinetuneResult & { seed: number })[];
      summary: { seeds: number; accuracy: { mean: number; std: number; min: number; max: number } };
    };
    expect(out.labels).toEqual(['other', 'red']);
    expect(out.runs.map((x) => x.seed)).toEqual([1, 2, 3]);
    for (const run of out.runs) {
      const expected = await pipelineRun({ seed: run.seed });
      expect(run.accuracy).toBe(expected.accuracy);
      expect(run.lossCurve).toEqual(expected.lossCurve);
      expect(run).not.toHaveProperty('predictions');
    }
    const accs = out.runs.map((x) => x.accuracy);
    const mean = (accs[0]! + accs[1]! + accs[2]!) / 3;
    const std = Math.sqrt(accs.reduce((a, x) => a + (x - mean) ** 2, 0) / 2);
    expect(out.summary.seeds).toBe(3);
    expect(out.summary.accuracy.mean).toBeCloseTo(mean, 12);
    expect(out.summary.accuracy.std).toBeCloseTo(std, 12);
    expect(out.summary.accuracy.min).toBe(Math.min(...accs));

    const text = await runNlpft([...args, '-q'], { cwd: dir });
    expect(text.stderr).toBe('');
    expect(text.stdout.match(/^seed \d: accuracy/gm)).toHaveLength(3);
    expect(text.stdout).toContain(
      `over 3 seeds (mean ± sample std):\n  accuracy  ${f4(mean)} ± ${f4(std)}  (min ${f4(Math.min(...accs))}, max ${f4(Math.max(...accs))})\n`,
    );
  });

  it('writes --predictions: one JSON line per test item and seed, with the label names', async () => {
    const r = await runNlpft(
      [
        ...base,
        '--pretrained',
        'gpt/model.onnx',
        ...RUN,
        '--seeds',
        '0,5',
        '--predictions',
        'pred.jsonl',
        '-q',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const lines = readFileSync(join(dir, 'pred.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2 * TEST_TASK.length);
    const expected = await pipelineRun({ seed: 5 });
    const second = lines.slice(TEST_TASK.length);
    second.forEach((line, i) =>
      expect(line).toEqual({
        seed: 5,
        line: i + 1,
        text: TEST_TASK[i]!.text,
        label: labelName(TEST_TASK[i]!.label),
        prediction: labelName(expected.predictions[i]!),
        score: expected.scores[i],
      }),
    );
  });

  it('takes its settings from a YAML config: BERT from scratch, head-only, BERTAdam, constant schedule', async () => {
    writeFileSync(
      join(dir, 'finetune.yaml'),
      [
        'tokenizer: tokenizer.json',
        'train: train.tsv',
        'test: test.tsv',
        'architecture: bert',
        'strategy: head-only',
        'optimizer: bertadam',
        'schedule: constant',
        'epochs: 2',
        'batch-size: 16',
        'learning-rate: 0.01',
        // A string: "4" or 4,5 (a bare 4 is a YAML number).
        "seeds: '4'",
        ...TINY_FLAGS.filter((_, i) => i % 2 === 0).map(
          (flag, i) => `${flag.slice(2)}: ${TINY_FLAGS[2 * i + 1]}`,
        ),
        '',
      ].join('\n'),
    );
    const r = await runNlpft(['finetune', '--config', 'finetune.yaml', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { runs: FinetuneResult[]; strategy: string };
    const expected = await pipelineRun({
      architecture: 'bert',
      strategy: 'head-only',
      optimizer: 'bertadam',
      schedule: 'constant',
      seed: 4,
      pretrained: undefined,
      model: TINY, // TINY_FLAGS set --dropout 0
    });
    expect(out.strategy).toBe('head-only');
    expect(out.runs[0]!.lossCurve).toEqual(expected.lossCurve);
    expect(out.runs[0]!.accuracy).toBe(expected.accuracy);
  });

  it('--dropout has one default, 0.1, with and without --pretrained, as --help says; --dropout 0 is taken', async () => {
    const help = await runNlpft(['finetune', '--help']);
    expect(help.stdout).toMatch(/--dropout\b.*\(default: 0\.1\)/);
    const scratch = await runNlpft([...base, ...RUN, '--architecture', 'gpt2', '--json'], {
      cwd: dir,
    });
    const json = (r: { stdout: string }) =>
      JSON.parse(r.stdout) as { model: { dropout: number }; runs: FinetuneResult[] };
    expect(json(scratch).model.dropout).toBe(0.1);
    const zero = await runNlpft(
      [...base, '--pretrained', 'gpt/model.onnx', ...RUN, '--dropout', '0', '--json'],
      {
        cwd: dir,
      },
    );
    expect(zero.code).toBe(0);
    expect(json(zero).model.dropout).toBe(0);
    const expected = await pipelineRun({ model: TINY });
    expect(json(zero).runs[0]!.lossCurve).toEqual(expected.lossCurve);
    expect(json(zero).runs[0]!.accuracy).toBe(expected.accuracy);
  });

  it('passes --pooling and --lm-loss-weight to finetuneClassifier', async () => {
    const r = await runNlpft(
      [
        ...base,
        '--pretrained',
        'gpt/model.onnx',
        ...RUN,
        '--pooling',
        'last',
        '--lm-loss-weight',
        '0.5',
        '--json',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const run = (JSON.parse(r.stdout) as { runs: FinetuneResult[] }).runs[0]!;
    const expected = await pipelineRun({ pooling: 'last', lmLossWeight: 0.5 });
    expect(run.lossCurve).toEqual(expected.lossCurve);
    expect(run.accuracy).toBe(expected.accuracy);
    // The LM term makes the loss another one than the classification loss alone.
    const plain = await pipelineRun({ pooling: 'last' });
    expect(run.lossCurve[0]!.loss).toBeGreaterThan(plain.lossCurve[0]!.loss);
  });

  it('names what does not fit: --lm-loss-weight with bert, --pooling cls with gpt2, either with --model', async () => {
    const bert = await runNlpft(
      [...base, ...RUN, '--architecture', 'bert', '--lm-loss-weight', '0.5'],
      {
        cwd: dir,
      },
    );
    expect(bert.code).toBe(1);
    expect(bert.stderr).toMatch(
      /^error\[TrainingError INVALID_OPTION\]: .*lmLossWeight 0\.5 needs architecture 'gpt2'/m,
    );
    const cls = await runNlpft(
      [...base, '--pretrained', 'gpt/model.onnx', ...RUN, '--pooling', 'cls'],
      {
        cwd: dir,
      },
    );
    expect(cls.code).toBe(1);
    expect(cls.stderr).toMatch(/pooling 'cls' with architecture 'gpt2'/);
    const folder = await runNlpft(
      [
        'finetune',
        '--model',
        'some-folder',
        '--train',
        'train.tsv',
        '--test',
        'test.tsv',
        '--pooling',
        'last',
        '--lm-loss-weight',
        '0.5',
      ],
      { cwd: dir },
    );
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/--pooling, --lm-loss-weight: not with --model/);
  });

  it('Ctrl-C stops the run with exit code 130 and says that nothing was kept', async () => {
    const r = await runWithCtrlC(
      [...base, '--pretrained', 'gpt/model.onnx', '--epochs', '20', '--batch-size', '16'],
      dir,
      /finetune seed 0: \d+\/60/,
    );
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(
      /interrupted at step \d+ of 60 \(seed 0\); without --run-dir fine-tuning keeps no checkpoint, so run the command again to start over\.\n$/,
    );
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('with --run-dir, Ctrl-C keeps a checkpoint and the same command resumes to the straight run’s numbers', async () => {
    const argv = (runDir: string) => [
      ...base,
      '--pretrained',
      'gpt/model.onnx',
      '--epochs',
      '20',
      '--batch-size',
      '16',
      '--run-dir',
      runDir,
      '--json',
    ];
    const straight = await runNlpft(argv('runs-straight'), { cwd: dir });
    expect(straight.code).toBe(0);
    const stopped = await runWithCtrlC(argv('runs-stopped'), dir, /finetune seed 0: \d+\/60/);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(
      /the checkpoint is in .*runs-stopped.seed-0: run the same command again to resume\.\n$/,
    );
    const resumed = await runNlpft(argv('runs-stopped'), { cwd: dir });
    expect(resumed.code).toBe(0);
    const runs = (r: { stdout: string }) =>
      (JSON.parse(r.stdout) as { runs: { lossCurve: unknown; accuracy: number }[] }).runs[0]!;
    expect(runs(resumed).lossCurve).toEqual(runs(straight).lossCurve);
    expect(runs(resumed).accuracy).toBe(runs(straight).accuracy);
  });

  it('names bad input: a TSV line without a tab, an unknown test label, bad --seeds, another vocabulary or size', async () => {
    writeFileSync(join(dir, 'bad.tsv'), 'red\tthe red cat .\nthe dog\n');
    const noTab = await runNlpft([...base.slice(0, 4), 'bad.tsv', '--test', 'test.tsv'], {
      cwd: dir,
    });
    expect(noTab.code).toBe(1);
    expect(noTab.stderr).toBe(
      `error[INVALID_INPUT]: nlpft finetune: --train ${join(dir, 'bad.tsv')}: line 2: expected "label<TAB>text", found no tab in "the dog"\n`,
    );

    writeFileSync(join(dir, 'odd.tsv'), 'blue\tthe blue cat .\n');
    const unknown = await runNlpft([...base.slice(0, 5), '--test', 'odd.tsv'], { cwd: dir });
    expect(unknown.stderr).toContain(
      'error[INVALID_INPUT]: nlpft finetune: --test line 1: label "blue" is not a label of the training file (other, red)',
    );

    const seeds = await runNlpft([...base, '--seeds', '1,x'], { cwd: dir });
    expect(seeds.code).toBe(2);
    expect(seeds.stderr).toContain(
      '--seeds: expected whole numbers separated by commas (1,2,3), got "x"',
    );

    const other = Tokenizer.fromJSON(await toyTokenizerJson()).getVocabSize();
    writeFileSync(
      join(dir, 'big-vocab.json'),
      JSON.stringify(
        (() => {
          const json = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as {
            model: { vocab: Record<string, number> };
          };
          json.model.vocab['zebra'] = other;
          return json;
        })(),
      ),
    );
    const vocab = await runNlpft(
      ['finetune', '-t', 'big-vocab.json', ...base.slice(3), '--pretrained', 'gpt/model.onnx'],
      { cwd: dir },
    );
    expect(vocab.stderr).toContain(
      `--tokenizer has ${other + 1} tokens but ${join(dir, 'gpt', 'model.onnx')} was pre-trained with ${other}`,
    );

    const size = await runNlpft([...base, '--pretrained', 'gpt/model.onnx', '--hidden', '24'], {
      cwd: dir,
    });
    expect(size.code).toBe(1);
    expect(size.stderr).toContain(
      'error[TrainingError MODEL_MISMATCH]: nlpft finetune: ' +
        `${join(dir, 'gpt', 'model.onnx')}: body weight 'transformer.wte.weight' is [${other}, 16], the model needs [${other}, 24]`,
    );
  });
});
