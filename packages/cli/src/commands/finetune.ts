import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OUTPUT_OPTIONS, tokenizerOption } from '../cli/common-options';
import { defineCommand } from '../cli/define-command';
import { CliError } from '../cli/errors';
import {
  ARCHITECTURE_OF,
  FINETUNE_STRATEGIES,
  STRATEGIES,
  finetuneClassifier,
} from '@nlpft/training';
import type {
  Architecture,
  FinetuneOptions,
  FinetuneResult,
  FinetuneStrategy,
  PretrainResult,
  Strategy,
  TinyModelConfig,
} from '@nlpft/training';
import { finetuneModelFolder } from './finetune-model';
import { reportRuns } from './finetune-report';
import { INTERRUPTED_EXIT_CODE, interruptNotice, isInterrupted, withInterrupt } from './interrupt';
import { LABELLED_FORMATS, labelNames, readLabelled } from './labelled-data';
import type { RawExample } from './labelled-data';
import { loadTokenizer } from './load-tokenizer';
import {
  DEFAULT_MODEL_SIZE,
  MODEL_SIZE_OPTIONS,
  describeModelSize,
  resolveModelSize,
} from './model-size-options';
import { formatRunLine } from './seed-summary';
import { trainingProgress } from './training-progress';

const PROG = 'nlpft finetune';

/** `--seeds 1,2,3` → [1, 2, 3]. @throws {CliError} `INVALID_OPTION` naming the bad entry. */
export function parseSeeds(text: string): number[] {
  const seeds = text.split(',').map((s) => s.trim());
  const bad = seeds.find((s) => !/^\d+$/.test(s));
  if (bad !== undefined)
    throw new CliError(
      'INVALID_OPTION',
      `${PROG}: --seeds: expected whole numbers separated by commas (1,2,3), got ${JSON.stringify(bad)} in ${JSON.stringify(text)}`,
    );
  return seeds.map(Number);
}

/** The `result.json` beside a pre-trained `model.onnx` (a `nlpft pretrain` run folder), when there is one. */
function pretrainedRun(modelPath: string): PretrainResult | undefined {
  const path = join(dirname(modelPath), 'result.json');
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PretrainResult;
  } catch {
    return undefined;
  }
}

/** The header: what is fine-tuned on what. */
function describeRun(
  architecture: Architecture,
  strategy: string,
  model: TinyModelConfig,
  pretrained: string | undefined,
  labels: readonly string[],
  sizes: { train: number; test: number },
): string {
  return (
    `${PROG}: ${architecture} (${describeModelSize(model)}) from ${pretrained ?? 'random weights'}, ` +
    `strategy ${strategy}; ${sizes.train} train / ${sizes.test} test examples; labels ${labels.map((l, i) => `${i}=${l}`).join(' ')}`
  );
}

/** A pre-training run's vocabulary must be the tokenizer's (else every embedding row means another token). */
function checkVocabulary(
  tokenizerSize: number,
  run: PretrainResult | undefined,
  path: string,
): void {
  if (run !== undefined && run.vocabSize !== tokenizerSize)
    throw new CliError(
      'INVALID_INPUT',
      `${PROG}: --tokenizer has ${tokenizerSize} tokens but ${path} was pre-trained with ${run.vocabSize}; use the pre-training run's tokenizer`,
    );
}

/** The flags of each mode: a Hugging Face folder (`--model`) or a tiny model (`--tokenizer`, `--pretrained`). */
function checkModeOptions(options: {
  model: string | undefined;
  tokenizer: string | undefined;
  strategy: FinetuneStrategy;
  optimizer: string;
  schedule: string;
  [flag: string]: unknown;
}): void {
  const given = (flags: readonly string[]) => flags.filter((f) => options[f] !== undefined);
  const kebab = (f: string) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  if (options.model !== undefined) {
    const tiny = given([
      'tokenizer',
      'pretrained',
      'architecture',
      ...Object.keys(MODEL_SIZE_OPTIONS),
    ]);
    if (options.optimizer !== 'adamw') tiny.push('optimizer');
    if (options.schedule !== 'linear') tiny.push('schedule');
    if (tiny.length > 0)
      throw new CliError(
        'INVALID_OPTION',
        `${PROG}: ${tiny.map(kebab).join(', ')}: not with --model (the folder brings its tokenizer, size and weights; training is AdamW with warmup and linear decay)`,
      );
    const tinyHead = given(['pooling', 'lmLossWeight']);
    if (tinyHead.length > 0)
      throw new CliError(
        'INVALID_OPTION',
        `${PROG}: ${tinyHead.map(kebab).join(', ')}: not with --model (a folder's new head pools as its family does, [CLS] or GPT-2's mean, and trains on the classification loss alone); they set the tiny models' head (--tokenizer)`,
      );
    return;
  }
  const folderOnly = given(['output', 'maxLength', 'rank', 'bottleneck', 'prefixLength', 'units']);
  for (const flag of ['keepLora', 'gradientCheckpointing'])
    if (options[flag] === true) folderOnly.push(flag);
  if (folderOnly.length > 0)
    throw new CliError(
      'INVALID_OPTION',
      `${PROG}: ${folderOnly.map(kebab).join(', ')}: only with --model DIR`,
    );
  if (!(STRATEGIES as readonly string[]).includes(options.strategy))
    throw new CliError(
      'INVALID_OPTION',
      `${PROG}: --strategy ${options.strategy} needs --model DIR (a Hugging Face folder); the tiny models take ${STRATEGIES.join(', ')}`,
    );
  if (options.tokenizer === undefined)
    throw new CliError('MISSING_OPTION', `${PROG}: --tokenizer FILE (or --model DIR) is required`);
}

/** `nlpft finetune`: fine-tune a tiny BERT or GPT-2 classifier with one strategy over one or more seeds. */
export const finetuneCommand = defineCommand({
  name: 'finetune',
  summary:
    'fine-tune a text classifier: a Hugging Face folder (--model, 9 strategies) or a tiny BERT/GPT-2',
  usage: '--tokenizer FILE --train FILE --test FILE [options]',
  description:
    'Labelled files: "label<TAB>text" lines, or JSON lines {"text": …, "label": …} (decided per file from the\n' +
    'first line, or --format). Classes are the training labels sorted (as numbers when all are integers) or\n' +
    '--labels; with two, the second is the positive class of precision/recall/F1; with more, they are macro\n' +
    'averages. The model is the body of --pretrained (a model.onnx of nlpft pretrain: mlm → bert, clm → gpt2;\n' +
    "size and architecture default to its run folder's result.json; dropout does not, it is --dropout) or random\n" +
    "weights, plus a pooled linear head (--pooling; with gpt2, --lm-loss-weight adds GPT-1's auxiliary LM loss).\n" +
    'Strategies: full; head-only (the body frozen); freeze-bottom (embeddings and --freeze-layers\n' +
    'bottom layers frozen); gradual-unfreezing (ULMFiT: head first, then one layer down per stage). Each seed\n' +
    'of --seeds is a separate run (initialisation, order, dropout); several give mean ± sample std, min and max\n' +
    '(fine-tuning instability). Accuracy has a 95% bootstrap interval (1000 resamples of the test items).',
  options: {
    model: {
      type: 'path',
      valueName: 'DIR',
      description:
        'a Hugging Face model folder to fine-tune (config.json, tokenizer.json, onnx/model.onnx)',
    },
    tokenizer: {
      ...tokenizerOption('tokenizer.json of the pre-training run (not with --model)'),
      required: false,
    },
    train: { type: 'path', valueName: 'FILE', required: true, description: 'training examples' },
    test: { type: 'path', valueName: 'FILE', required: true, description: 'test examples' },
    format: {
      type: 'string',
      choices: LABELLED_FORMATS,
      default: 'auto',
      description: 'layout of --train and --test',
    },
    labels: {
      type: 'string',
      valueName: 'A,B,…',
      description: 'class order (default: training labels sorted)',
    },
    pretrained: {
      type: 'path',
      valueName: 'FILE',
      description: 'model.onnx of nlpft pretrain (default: random init)',
    },
    architecture: {
      type: 'string',
      choices: ['bert', 'gpt2'],
      description: "body (default: the pre-trained model's, else bert)",
    },
    strategy: {
      type: 'string',
      choices: FINETUNE_STRATEGIES,
      default: 'full',
      description: 'what trains (llrd, adapters, lora, prefix, fl-tuning: with --model)',
    },
    freezeLayers: {
      type: 'integer',
      min: 0,
      max: 128,
      description: 'freeze-bottom: frozen layers (half, at least 1)',
    },
    ...MODEL_SIZE_OPTIONS,
    dropout: {
      ...MODEL_SIZE_OPTIONS.dropout,
      description: 'dropout probability, also with --pretrained (default: 0.1)',
    },
    pooling: {
      type: 'string',
      choices: ['mean', 'last', 'cls'],
      description:
        'what the head reads: last = last token (GPT-1), cls = [CLS] (bert) (default: mean)',
    },
    lmLossWeight: {
      type: 'number',
      min: 0,
      max: 100,
      description: "gpt2: λ of GPT-1's auxiliary LM loss, CE + λ·LM (paper: 0.5; default: 0)",
    },
    epochs: {
      type: 'integer',
      min: 1,
      max: 100_000,
      default: 3,
      description: 'passes over --train',
    },
    batchSize: {
      type: 'integer',
      min: 1,
      max: 65_536,
      default: 16,
      description: 'examples per step',
    },
    learningRate: {
      type: 'number',
      min: 0,
      max: 10,
      description:
        'peak learning rate (default 1e-3; with --model 5e-5, or 1e-3 where only new parts train)',
    },
    optimizer: {
      type: 'string',
      choices: ['adamw', 'bertadam'],
      default: 'adamw',
      description: 'bertadam: no bias correction (original BERT)',
    },
    schedule: {
      type: 'string',
      choices: ['linear', 'constant'],
      default: 'linear',
      description: 'linear: warmup then decay to 0',
    },
    warmupRatio: {
      type: 'number',
      min: 0,
      max: 1,
      default: 0.1,
      description: 'share of the steps of warmup',
    },
    weightDecay: {
      type: 'number',
      min: 0,
      max: 1,
      default: 0.01,
      description: 'not on biases and LayerNorm',
    },
    seeds: {
      type: 'string',
      valueName: 'LIST',
      default: '0',
      description: 'one run per seed, e.g. 1,2,3',
    },
    output: {
      type: 'path',
      valueName: 'DIR',
      description: 'with --model: write the fine-tuned model folder (best seed) here',
    },
    runDir: {
      type: 'path',
      valueName: 'DIR',
      description:
        'checkpoints to resume from after Ctrl-C, a folder per seed (with --model default <output>-runs)',
    },
    saveSteps: {
      type: 'integer',
      min: 1,
      max: 100_000_000,
      default: 50,
      description: 'with --run-dir (or --output): checkpoint every N steps',
    },
    maxLength: {
      type: 'integer',
      min: 2,
      max: 65_536,
      description: 'with --model: tokens per example, longer ones cut (default 128)',
    },
    device: {
      type: 'string',
      choices: ['cpu', 'cuda'],
      description:
        'with --model: where training runs (cuda needs ONNXRUNTIME_NODE_INSTALL=cuda12, see the README)',
    },
    gradientCheckpointing: {
      type: 'boolean',
      description:
        'with --model: recompute each layer in backward instead of keeping its activations (less memory, slower)',
    },
    keepLora: {
      type: 'boolean',
      description:
        'lora with --output: keep the LoRA tensors separate (default: merged into the weights)',
    },
    rank: { type: 'integer', min: 1, max: 4096, description: 'lora: rank (default 8)' },
    bottleneck: {
      type: 'integer',
      min: 1,
      max: 65_536,
      description: 'adapters: width (default 16)',
    },
    prefixLength: {
      type: 'integer',
      min: 1,
      max: 4096,
      description: 'prefix: virtual tokens per layer (default 10)',
    },
    units: {
      type: 'integer',
      min: 1,
      max: 65_536,
      description: 'fl-tuning: FFN units added (default 16)',
    },
    predictions: {
      type: 'path',
      valueName: 'FILE',
      description: 'write per-item predictions (JSONL)',
    },
    json: { type: 'boolean', description: 'print the results as JSON' },
    quiet: OUTPUT_OPTIONS.quiet,
  },
  config: true,
  examples: [
    'nlpft finetune -t tokenizer.json --train train.tsv --test test.tsv --pretrained runs/bert/model.onnx',
    'nlpft finetune -t tokenizer.json --train train.jsonl --test test.jsonl --pretrained runs/gpt/model.onnx --strategy gradual-unfreezing --seeds 1,2,3,4,5',
    'nlpft finetune -t tokenizer.json --train train.tsv --test test.tsv --architecture bert --optimizer bertadam --schedule constant --json',
    'nlpft finetune --config finetune.yaml --predictions predictions.jsonl',
  ],
  async run({ options }, io) {
    const seeds = parseSeeds(options.seeds);
    checkModeOptions(options);
    const trainRaw = await readLabelled(options.train, options.format, io, `${PROG}: --train`);
    const testRaw = await readLabelled(options.test, options.format, io, `${PROG}: --test`);
    const explicit = options.labels?.split(',').map((l) => l.trim());
    const labels = labelNames(trainRaw, testRaw, explicit, PROG);
    const index = new Map(labels.map((l, i) => [l, i]));
    const toExamples = (raw: readonly RawExample[]) =>
      raw.map((e) => ({
        text: e.text,
        ...(e.textPair !== undefined ? { textPair: e.textPair } : {}),
        label: index.get(e.label)!,
      }));
    const train = toExamples(trainRaw);
    const test = toExamples(testRaw);
    if (options.model !== undefined) {
      const bodyTrains = ['full', 'freeze-bottom', 'gradual-unfreezing', 'llrd'].includes(
        options.strategy,
      );
      const outcome = await finetuneModelFolder(
        {
          model: options.model,
          strategy: options.strategy,
          train,
          test,
          labels,
          seeds,
          output: options.output,
          runDir: options.runDir,
          quiet: options.quiet,
          header: !options.json,
          training: {
            epochs: options.epochs,
            batchSize: options.batchSize,
            learningRate: options.learningRate ?? (bodyTrains ? 5e-5 : 1e-3),
            warmupRatio: options.warmupRatio,
            weightDecay: options.weightDecay,
            saveSteps: options.saveSteps,
            ...(options.maxLength !== undefined ? { maxLength: options.maxLength } : {}),
            mergeLora: !options.keepLora,
            ...(options.device !== undefined ? { device: options.device } : {}),
            ...(options.gradientCheckpointing ? { gradientCheckpointing: true } : {}),
            strategyOptions: {
              ...(options.freezeLayers !== undefined ? { freezeLayers: options.freezeLayers } : {}),
              ...(options.rank !== undefined ? { rank: options.rank } : {}),
              ...(options.bottleneck !== undefined ? { bottleneck: options.bottleneck } : {}),
              ...(options.prefixLength !== undefined ? { prefixLength: options.prefixLength } : {}),
              ...(options.units !== undefined ? { units: options.units } : {}),
            },
          },
          onRun: (seed, r) => {
            if (!options.json) io.stdout.write(`${formatRunLine(seed, r)}\n`);
          },
        },
        io,
      );
      if (outcome.kind === 'interrupted') return outcome.exitCode;
      const runs = outcome.runs.map(({ seed, result }) => ({
        seed,
        result: {
          ...result,
          scores: result.probabilities.map((p) => p[Math.min(1, p.length - 1)]!),
        },
      }));
      await reportRuns(
        io,
        { json: options.json, predictions: options.predictions, prog: PROG },
        {
          model: options.model,
          strategy: options.strategy,
          output: options.output ?? null,
          best: outcome.runs[outcome.best]!.seed,
          train: train.length,
          test: test.length,
        },
        testRaw,
        labels,
        runs,
      );
      return;
    }
    const paired = [...trainRaw, ...testRaw].find((e) => e.textPair !== undefined);
    if (paired !== undefined)
      throw new CliError(
        'INVALID_INPUT',
        `${PROG}: line ${paired.line} has a "text_pair": pair examples need --model DIR (the tiny models read one text)`,
      );
    const tokenizer = await loadTokenizer(options.tokenizer!, io, `${PROG}: --tokenizer`);
    if (options.pretrained !== undefined && !existsSync(options.pretrained))
      throw new CliError(
        'FILE_NOT_FOUND',
        `${PROG}: --pretrained: no file at ${options.pretrained}`,
      );
    const run = options.pretrained !== undefined ? pretrainedRun(options.pretrained) : undefined;
    if (options.pretrained !== undefined)
      checkVocabulary(tokenizer.getVocabSize(), run, options.pretrained);
    // Dropout is a fine-tuning setting, not part of the size: the pre-training run's (often 0) is not inherited.
    const model: TinyModelConfig = {
      ...resolveModelSize(options, PROG, run?.model),
      dropout: options.dropout ?? DEFAULT_MODEL_SIZE.dropout,
    };
    const architecture: Architecture =
      options.architecture ?? (run ? ARCHITECTURE_OF[run.objective] : 'bert');
    const sizes = { train: train.length, test: test.length };
    const header = describeRun(
      architecture,
      options.strategy,
      model,
      options.pretrained,
      labels,
      sizes,
    );
    if (!options.json) io.stdout.write(`${header}\n`);
    const stepsPerRun = options.epochs * Math.ceil(train.length / options.batchSize);
    const results: { seed: number; result: FinetuneResult }[] = [];
    for (const seed of seeds) {
      const progress = trainingProgress(io, `finetune seed ${seed}`, stepsPerRun, options.quiet);
      const settings: FinetuneOptions = {
        tokenizer,
        train,
        test,
        model,
        architecture,
        strategy: options.strategy as Strategy,
        numLabels: labels.length,
        epochs: options.epochs,
        batchSize: options.batchSize,
        learningRate: options.learningRate ?? 1e-3,
        optimizer: options.optimizer,
        schedule: options.schedule,
        warmupRatio: options.warmupRatio,
        weightDecay: options.weightDecay,
        seed,
        onStep: progress.onStep,
        onProgress: progress.onProgress,
        ...(options.pretrained !== undefined ? { pretrained: options.pretrained } : {}),
        ...(options.pooling !== undefined ? { pooling: options.pooling } : {}),
        ...(options.lmLossWeight !== undefined ? { lmLossWeight: options.lmLossWeight } : {}),
        ...(options.freezeLayers !== undefined ? { freezeLayers: options.freezeLayers } : {}),
        ...(options.runDir !== undefined
          ? { runDir: join(options.runDir, `seed-${seed}`), saveSteps: options.saveSteps }
          : {}),
      };
      try {
        const result = await withInterrupt(
          (signal) => finetuneClassifier({ ...settings, signal }),
          interruptNotice(io, PROG, options.runDir !== undefined),
        );
        if (result.resumedFrom > 0 && !result.cached && !options.quiet)
          io.stderr.write(`${PROG}: seed ${seed} resumed from step ${result.resumedFrom}\n`);
        results.push({ seed, result });
      } catch (error) {
        progress.done();
        if (!isInterrupted(error)) throw error;
        io.stderr.write(
          options.runDir !== undefined
            ? `${PROG}: interrupted at step ${progress.step} of ${stepsPerRun} (seed ${seed}); the checkpoint is in ${join(options.runDir, `seed-${seed}`)}: run the same command again to resume.\n`
            : `${PROG}: interrupted at step ${progress.step} of ${stepsPerRun} (seed ${seed}); without --run-dir fine-tuning keeps no ` +
                `checkpoint, so run the command again to start over${results.length > 0 ? ` (${results.length} finished seed${results.length === 1 ? '' : 's'} printed above)` : ''}.\n`,
        );
        return INTERRUPTED_EXIT_CODE;
      }
      progress.done();
      if (!options.json) io.stdout.write(`${formatRunLine(seed, results.at(-1)!.result)}\n`);
    }
    await reportRuns(
      io,
      { json: options.json, predictions: options.predictions, prog: PROG },
      {
        architecture,
        strategy: options.strategy,
        pretrained: options.pretrained ?? null,
        model,
        train: train.length,
        test: test.length,
      },
      testRaw,
      labels,
      results,
    );
  },
});
