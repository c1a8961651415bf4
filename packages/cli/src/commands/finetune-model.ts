import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { prepareOutputDir } from '../cli/output-dir';
import type { CliIo } from '../cli/types';
import { finetunePretrained, writeFileAtomic } from '@nlpft/training';
import type {
  FinetunePretrainedOptions,
  FinetunePretrainedResult,
  FinetuneStrategy,
  LabelledInput,
} from '@nlpft/training';
import { INTERRUPTED_EXIT_CODE, interruptNotice, isInterrupted, withInterrupt } from './interrupt';
import { openModelFolder } from './open-model-folder';
import { trainingProgress } from './training-progress';

const PROG = 'nlpft finetune';

/** What `nlpft finetune --model DIR` runs, read from its flags. */
export interface FinetuneModelSettings {
  model: string;
  strategy: FinetuneStrategy;
  train: readonly LabelledInput[];
  test: readonly LabelledInput[];
  labels: readonly string[];
  seeds: readonly number[];
  output: string | undefined;
  runDir: string | undefined;
  training: Omit<
    FinetunePretrainedOptions,
    'model' | 'train' | 'test' | 'strategy' | 'labels' | 'seed' | 'output' | 'runDir'
  >;
  quiet: boolean;
  /** Print the header line (what is fine-tuned on what) on stdout. */
  header: boolean;
  /** Each seed's result as it finishes (for the run line). */
  onRun: (seed: number, result: FinetunePretrainedResult) => void;
}

/** The seeds' results, or the exit code of an interrupted run. */
export type FinetuneModelOutcome =
  | { kind: 'done'; runs: { seed: number; result: FinetunePretrainedResult }[]; best: number }
  | { kind: 'interrupted'; exitCode: number };

/**
 * Fine-tunes a Hugging Face model folder once per seed. With `--output` each seed is saved in its run folder and
 * the best by test accuracy is copied to `--output` (said on stderr when there are several); with a run folder
 * (`--run-dir`, default `<output>-runs`) Ctrl-C checkpoints and the same command resumes.
 */
export async function finetuneModelFolder(
  s: FinetuneModelSettings,
  io: CliIo,
): Promise<FinetuneModelOutcome> {
  const model = openModelFolder(
    s.model,
    PROG,
    ' (config.json, tokenizer.json, onnx/model.onnx); a model.onnx of nlpft pretrain goes to --pretrained',
  );
  if (s.header) {
    const c = model.config;
    io.stdout.write(
      `${PROG}: ${c.modelType} (${c.numLayers} layers, hidden ${c.hiddenSize}, ${c.numHeads} heads) from ${s.model}, ` +
        `strategy ${s.strategy}; ${s.train.length} train / ${s.test.length} test examples; labels ${s.labels.map((l, i) => `${i}=${l}`).join(' ')}\n`,
    );
  }
  const runDir = s.runDir ?? (s.output !== undefined ? `${s.output}-runs` : undefined);
  if (runDir !== undefined) prepareOutputDir(runDir, `${PROG}: --run-dir`);
  if (s.output !== undefined) prepareOutputDir(s.output, `${PROG}: --output`);
  const batchSize = s.training.batchSize ?? 16;
  const stepsPerRun = (s.training.epochs ?? 3) * Math.ceil(s.train.length / batchSize);
  const runs: { seed: number; result: FinetunePretrainedResult }[] = [];
  for (const seed of s.seeds) {
    const seedDir = runDir !== undefined ? join(runDir, `seed-${seed}`) : undefined;
    const progress = trainingProgress(io, `finetune seed ${seed}`, stepsPerRun, s.quiet);
    try {
      const result = await withInterrupt(
        (signal) =>
          finetunePretrained({
            ...s.training,
            model,
            train: s.train,
            test: s.test,
            strategy: s.strategy,
            labels: s.labels,
            seed,
            signal,
            onStep: progress.onStep,
            onProgress: progress.onProgress,
            ...(seedDir !== undefined ? { runDir: seedDir } : {}),
            ...(seedDir !== undefined && s.output !== undefined
              ? { output: join(seedDir, 'model') }
              : {}),
          }),
        interruptNotice(io, PROG, true),
      );
      progress.done();
      if (result.resumedFrom > 0 && !s.quiet)
        io.stderr.write(`${PROG}: seed ${seed} resumed from step ${result.resumedFrom}\n`);
      runs.push({ seed, result });
      s.onRun(seed, result);
    } catch (error) {
      progress.done();
      if (!isInterrupted(error)) throw error;
      io.stderr.write(
        seedDir !== undefined
          ? `${PROG}: interrupted at step ${progress.step} of ${stepsPerRun} (seed ${seed}); the checkpoint is in ${seedDir}: run the same command again to resume.\n`
          : `${PROG}: interrupted at step ${progress.step} of ${stepsPerRun} (seed ${seed}); without --output or --run-dir there is no checkpoint, so run the command again to start over.\n`,
      );
      return { kind: 'interrupted', exitCode: INTERRUPTED_EXIT_CODE };
    }
  }
  const best = runs.reduce((b, r, i) => (r.result.accuracy > runs[b]!.result.accuracy ? i : b), 0);
  if (s.output !== undefined && runDir !== undefined) {
    copyFolder(join(runDir, `seed-${runs[best]!.seed}`, 'model'), s.output);
    if (runs.length > 1 && !s.quiet)
      io.stderr.write(
        `${PROG}: saved seed ${runs[best]!.seed} (best test accuracy of ${runs.length} seeds; the choice is made on --test, so its score there is optimistic) to ${s.output}\n`,
      );
    else if (!s.quiet) io.stderr.write(`${PROG}: saved the model folder to ${s.output}\n`);
  }
  return { kind: 'done', runs, best };
}

/** Copies a saved model folder file by file, each atomically, config.json last (its presence marks a whole folder). */
function copyFolder(from: string, to: string): void {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(from, path));
    }
  };
  walk(from);
  files.sort((a, b) => Number(a === 'config.json') - Number(b === 'config.json'));
  for (const file of files) writeFileAtomic(join(to, file), readFileSync(join(from, file)));
}
