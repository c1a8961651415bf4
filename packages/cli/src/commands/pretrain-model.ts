import { CliError } from '../cli/errors';
import { formatDuration } from '../cli/progress';
import type { CliIo } from '../cli/types';
import { continuePretraining } from '@nlpft/training';
import type { ContinuePretrainingOptions, ContinuePretrainingResult } from '@nlpft/training';
import { runResumable } from './interrupt';
import { openModelFolder } from './open-model-folder';
import { trainingProgress } from './training-progress';

const PROG = 'nlpft pretrain';

/** What `nlpft pretrain --model DIR` runs. */
export interface ContinueSettings {
  model: string;
  objective: 'mlm' | 'clm' | undefined;
  quiet: boolean;
  json: boolean;
  pipeline: Omit<ContinuePretrainingOptions, 'model' | 'signal' | 'onStep' | 'onProgress'>;
}

/**
 * Continued pre-training of a Hugging Face folder on the training files: the objective follows the folder (MLM for
 * an encoder body, CLM for GPT-2); `--objective`, when given, must agree. Prints the summary or result.json.
 * @returns the exit code (130 after Ctrl-C, with the checkpoint kept).
 */
export async function continuePretrainingCommand(
  s: ContinueSettings,
  io: CliIo,
): Promise<number | undefined> {
  const model = openModelFolder(s.model, PROG);
  const objective = model.config.modelType === 'gpt2' ? 'clm' : 'mlm';
  if (s.objective !== undefined && s.objective !== objective)
    throw new CliError(
      'INVALID_OPTION',
      `${PROG}: --objective ${s.objective}: a ${model.config.modelType} folder is pre-trained further with ${objective}`,
    );
  const progress = trainingProgress(io, `pretrain ${objective}`, s.pipeline.steps, s.quiet);
  const outcome = await runResumable(io, {
    prog: PROG,
    progress,
    steps: s.pipeline.steps,
    outputDir: s.pipeline.outputDir,
    run: (hooks) => continuePretraining({ ...s.pipeline, model, ...hooks }),
  });
  if ('exitCode' in outcome) return outcome.exitCode;
  const { result } = outcome;
  io.stdout.write(
    s.json ? `${JSON.stringify(result, null, 1)}\n` : `${formatContinueSummary(s.model, result)}\n`,
  );
  return undefined;
}

/** The summary after continued pre-training: perplexity before → after and where the model folder is. */
export function formatContinueSummary(source: string, r: ContinuePretrainingResult): string {
  const what = r.objective === 'mlm' ? 'masked-token perplexity' : 'perplexity';
  const how = r.cached
    ? ' (cached: the run folder already holds this run; delete it or change a setting to train again)'
    : ` in ${formatDuration(r.seconds * 1000)}${r.resumedFrom > 0 ? `, resumed after step ${r.resumedFrom}` : ''}`;
  return [
    `${PROG}: ${r.objective} on ${r.trainBlocks.toLocaleString('en-US')} blocks, continuing ${source}`,
    `${r.steps} steps${how}`,
    `held-out ${what} ${r.heldOutAtStart.perplexity.toFixed(2)} → ${r.heldOut.perplexity.toFixed(2)} ` +
      `(loss ${r.heldOutAtStart.loss.toFixed(4)} → ${r.heldOut.loss.toFixed(4)} nats over ${r.heldOut.tokens.toLocaleString('en-US')} tokens)`,
    `model folder: ${r.modelDir} (fine-tune it with nlpft finetune --model ${r.modelDir})`,
  ].join('\n');
}
