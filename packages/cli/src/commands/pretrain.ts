import { prepareOutputDir } from '../cli/output-dir';
import { resolve } from 'node:path';
import { OUTPUT_OPTIONS, tokenizerOption } from '../cli/common-options';
import { defineCommand } from '../cli/define-command';
import { CliError } from '../cli/errors';
import { formatDuration } from '../cli/progress';
import { readText, splitLines } from '../cli/read-input';
import type { CliIo } from '../cli/types';
import { pretrainLanguageModel } from '@nlpft/training';
import type { PretrainResult } from '@nlpft/training';
import { runResumable } from './interrupt';
import { loadTokenizer } from './load-tokenizer';
import { continuePretrainingCommand } from './pretrain-model';
import { MODEL_SIZE_OPTIONS, describeModelSize, resolveModelSize } from './model-size-options';
import { trainingProgress } from './training-progress';

const PROG = 'nlpft pretrain';

/**
 * The documents of text files: every non-blank line (`lines`), or every file as one document (`files`, line
 * breaks kept as whitespace for the tokenizer).
 */
async function readDocuments(
  paths: readonly string[],
  mode: 'lines' | 'files',
  io: CliIo,
  what: string,
): Promise<string[]> {
  const docs: string[] = [];
  for (const path of paths) {
    const text = await readText(path, io, what);
    if (mode === 'files') {
      if (text.trim() !== '') docs.push(text);
    } else docs.push(...splitLines(text).filter((l) => l.trim() !== ''));
  }
  return docs;
}

/** The train and held-out documents: --held-out files, or the last --held-out-fraction of the training documents. */
async function splitDocuments(
  trainPaths: readonly string[],
  heldOutPaths: readonly string[],
  fraction: number,
  mode: 'lines' | 'files',
  io: CliIo,
): Promise<{ train: string[]; heldOut: string[]; split: string }> {
  const all = await readDocuments(trainPaths, mode, io, `${PROG}: training file`);
  if (heldOutPaths.length > 0) {
    const heldOut = await readDocuments(heldOutPaths, mode, io, `${PROG}: --held-out`);
    return { train: all, heldOut, split: `${heldOut.length} held-out documents` };
  }
  // The tail, not a random sample: neighbouring lines of a book would leak across a random split.
  const count = Math.max(1, Math.round(all.length * fraction));
  if (all.length - count < 1)
    throw new CliError(
      'INVALID_INPUT',
      `${PROG}: ${all.length} document${all.length === 1 ? '' : 's'} cannot be split into train and held-out text; pass --held-out FILE${mode === 'files' ? ' or --documents lines' : ''}`,
    );
  return {
    train: all.slice(0, all.length - count),
    heldOut: all.slice(all.length - count),
    split: `the last ${count} of ${all.length} documents held out`,
  };
}

const thousands = (n: number): string => n.toLocaleString('en-US');

/** The summary printed after a run (or a cached result). */
export function formatPretrainSummary(r: PretrainResult): string {
  const what = r.objective === 'mlm' ? 'masked-token perplexity' : 'perplexity';
  const how = r.cached
    ? ` (cached: ${resolve(r.modelPath, '..')} already holds this run, trained in ${formatDuration(r.seconds * 1000)}; delete it or change a setting to train again)`
    : ` in ${formatDuration(r.seconds * 1000)}${r.resumedFrom > 0 ? `, resumed after step ${r.resumedFrom}` : ''}`;
  return [
    `${PROG}: ${r.objective} on ${thousands(r.trainBlocks)} blocks, ${describeModelSize(r.model)}, ${thousands(r.parameters)} parameters`,
    `${r.steps} steps${how}`,
    `held-out ${what} ${r.heldOutAtInit.perplexity.toFixed(2)} → ${r.heldOut.perplexity.toFixed(2)} ` +
      `(loss ${r.heldOutAtInit.loss.toFixed(4)} → ${r.heldOut.loss.toFixed(4)} nats over ${thousands(r.heldOut.tokens)} tokens)`,
    `model: ${r.modelPath}`,
  ].join('\n');
}

/** `nlpft pretrain`: pre-train a tiny BERT (masked LM) or GPT-2 (next token) from scratch on text files. */
export const pretrainCommand = defineCommand({
  name: 'pretrain',
  summary:
    'pre-train a tiny BERT (mlm) or GPT-2 (clm) on text files, or a Hugging Face folder further (--model)',
  usage:
    '--objective mlm|clm --tokenizer FILE --output DIR [options] FILE... | --model DIR --output DIR FILE...',
  description:
    'Documents (each non-blank line, or with --documents files each file) are tokenized, joined with [SEP] and\n' +
    'cut into blocks of --block-size tokens (BERT blocks get [CLS] … [SEP]); AdamW with linear warmup and decay,\n' +
    'gradient clipping at 1. Held-out text is scored before and after: perplexity (clm) or masked-token\n' +
    'perplexity on fixed masks (mlm). The tokenizer must have [PAD] [UNK] [CLS] [SEP] [MASK] (nlpft tokenize\n' +
    'train --model wordpiece has them).\n' +
    'DIR is a cache owned by the run: train/checkpoint-last.json every --save-steps steps, then model.onnx (the\n' +
    'forward model, logits) and result.json. The same command again prints the finished result at once;\n' +
    'after Ctrl-C (which saves a checkpoint first) or a crash it resumes, ending exactly as an uninterrupted run.\n' +
    'With other settings it empties DIR and starts over.\n' +
    "With --model DIR (a Hugging Face folder) the model is pre-trained further on the files instead (the lecture's\n" +
    'remedy for a target domain unlike the pre-training text): mlm for an encoder body export, clm for a GPT-2 LM\n' +
    'export; DIR/model is then a folder for nlpft finetune --model.',
  arguments: [
    {
      name: 'FILE',
      description: 'training text files (or --train in a config file)',
      variadic: true,
    },
  ],
  options: {
    objective: {
      type: 'string',
      choices: ['mlm', 'clm'],
      description:
        "mlm: BERT's masked LM; clm: GPT-2's next-token prediction (with --model: the folder's)",
    },
    model: {
      type: 'path',
      valueName: 'DIR',
      description: 'a Hugging Face folder to pre-train further (encoder body: mlm; GPT-2 LM: clm)',
    },
    tokenizer: {
      ...tokenizerOption('tokenizer.json (WordPiece with [MASK]; not with --model)'),
      required: false,
    },
    train: {
      type: 'path',
      multiple: true,
      valueName: 'FILE',
      description: 'training text file, as the FILE arguments',
    },
    heldOut: {
      type: 'path',
      multiple: true,
      valueName: 'FILE',
      description: 'held-out text file (else --held-out-fraction of the training documents)',
    },
    heldOutFraction: {
      type: 'number',
      // 0 would leave no held-out text to report perplexity on.
      min: 0.01,
      max: 0.9,
      default: 0.1,
      description: 'share of the documents, from the end, held out without --held-out',
    },
    documents: {
      type: 'string',
      choices: ['lines', 'files'],
      default: 'lines',
      description: 'what one document is: a non-blank line or a whole file',
    },
    ...MODEL_SIZE_OPTIONS,
    steps: {
      type: 'integer',
      min: 1,
      max: 100_000_000,
      default: 1000,
      description: 'optimizer steps',
    },
    batchSize: {
      type: 'integer',
      min: 1,
      max: 65_536,
      default: 32,
      description: 'blocks per step',
    },
    learningRate: {
      type: 'number',
      min: 0,
      max: 10,
      description: 'peak learning rate (default 2e-3; with --model 5e-5)',
    },
    warmupRatio: {
      type: 'number',
      min: 0,
      max: 1,
      default: 0.06,
      description: 'share of the steps of linear warmup',
    },
    weightDecay: {
      type: 'number',
      min: 0,
      max: 1,
      default: 0.01,
      description: 'AdamW weight decay',
    },
    maskProbability: {
      type: 'number',
      min: 0.01,
      max: 1,
      default: 0.15,
      description: 'mlm: share of tokens predicted',
    },
    seed: {
      type: 'integer',
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      default: 0,
      description: 'initialisation, shuffling, masks, dropout',
    },
    saveSteps: {
      type: 'integer',
      min: 1,
      max: 100_000_000,
      default: 25,
      description: 'checkpoint every N steps',
    },
    output: {
      type: 'path',
      short: 'o',
      valueName: 'DIR',
      required: true,
      description: 'run folder (created; emptied when it holds another run)',
    },
    json: { type: 'boolean', description: 'print result.json instead of the summary' },
    quiet: OUTPUT_OPTIONS.quiet,
  },
  config: true,
  examples: [
    'nlpft pretrain --objective clm --tokenizer tokenizer.json --steps 2000 --output runs/gpt corpus.txt',
    'nlpft pretrain --objective mlm -t tokenizer.json --hidden 128 --layers 4 --heads 4 --held-out valid.txt -o runs/bert train.txt',
    'nlpft pretrain --config pretrain.yaml --json',
    'nlpft pretrain --model models/bert-base-uncased --steps 500 --block-size 128 -o runs/bert-mail mails.txt',
  ],
  async run({ options, positionals }, io) {
    const trainPaths = [...options.train, ...positionals.map((p) => resolve(io.cwd, p))];
    if (trainPaths.length === 0)
      throw new CliError(
        'MISSING_ARGUMENT',
        `${PROG}: no training files; give them as arguments or as "train" in the config file`,
      );
    const { train, heldOut, split } = await splitDocuments(
      trainPaths,
      options.heldOut,
      options.heldOutFraction,
      options.documents,
      io,
    );
    if (options.model !== undefined) {
      const tiny = [
        'tokenizer',
        ...Object.keys(MODEL_SIZE_OPTIONS).filter((k) => k !== 'blockSize'),
      ].filter((k) => (options as Record<string, unknown>)[k] !== undefined);
      if (tiny.length > 0)
        throw new CliError(
          'INVALID_OPTION',
          `${PROG}: ${tiny.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}: not with --model (the folder brings its tokenizer and size)`,
        );
      prepareOutputDir(options.output, `${PROG}: --output`);
      if (!options.quiet)
        io.stderr.write(
          `${PROG}: ${train.length} training documents, ${split}; run folder ${options.output}\n`,
        );
      return continuePretrainingCommand(
        {
          model: options.model,
          objective: options.objective,
          quiet: options.quiet,
          json: options.json,
          pipeline: {
            train,
            heldOut,
            steps: options.steps,
            batchSize: options.batchSize,
            learningRate: options.learningRate ?? 5e-5,
            warmupRatio: options.warmupRatio,
            weightDecay: options.weightDecay,
            maskProbability: options.maskProbability,
            seed: options.seed,
            saveSteps: options.saveSteps,
            outputDir: options.output,
            ...(options.blockSize !== undefined ? { blockSize: options.blockSize } : {}),
          },
        },
        io,
      );
    }
    if (options.objective === undefined)
      throw new CliError(
        'MISSING_OPTION',
        `${PROG}: --objective mlm|clm is required (or --model DIR)`,
      );
    if (options.tokenizer === undefined)
      throw new CliError(
        'MISSING_OPTION',
        `${PROG}: --tokenizer FILE is required (or --model DIR)`,
      );
    const objective = options.objective;
    const tokenizer = await loadTokenizer(options.tokenizer, io, `${PROG}: --tokenizer`);
    const model = resolveModelSize(options, PROG);
    const progress = trainingProgress(
      io,
      `pretrain ${options.objective}`,
      options.steps,
      options.quiet,
    );
    prepareOutputDir(options.output, `${PROG}: --output`);
    if (!options.quiet)
      io.stderr.write(
        `${PROG}: ${train.length} training documents, ${split}; run folder ${options.output}\n`,
      );
    const outcome = await runResumable(io, {
      prog: PROG,
      progress,
      steps: options.steps,
      outputDir: options.output,
      run: (hooks) =>
        pretrainLanguageModel({
          objective,
          tokenizer,
          train,
          heldOut,
          model,
          steps: options.steps,
          batchSize: options.batchSize,
          learningRate: options.learningRate ?? 2e-3,
          warmupRatio: options.warmupRatio,
          weightDecay: options.weightDecay,
          maskProbability: options.maskProbability,
          seed: options.seed,
          outputDir: options.output,
          saveSteps: options.saveSteps,
          ...hooks,
        }),
    });
    if ('exitCode' in outcome) return outcome.exitCode;
    const { result } = outcome;
    io.stdout.write(
      options.json ? `${JSON.stringify(result, null, 1)}\n` : `${formatPretrainSummary(result)}\n`,
    );
  },
});
