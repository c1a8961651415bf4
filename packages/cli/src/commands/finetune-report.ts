import { withOutput } from '../cli/output-sink';
import type { CliIo } from '../cli/types';
import type { ClassificationScores } from '@nlpft/training';
import { formatConfusionMatrix } from './eval-classification';
import type { RawExample } from './labelled-data';
import { formatSeedSummary, seedSummary } from './seed-summary';

/** One seed's run as `nlpft finetune` reports it, from either pipeline. */
export interface ReportedRun {
  seed: number;
  result: ClassificationScores & {
    predictions: number[];
    /** Probability of label 1 per test item. */
    scores: number[];
    steps: number;
    seconds: number;
    lossCurve: { step: number; loss: number }[];
  };
}

/** One line of `--predictions` per test item and seed. */
function predictionLines(
  { seed, result }: ReportedRun,
  test: readonly RawExample[],
  labels: readonly string[],
): string {
  return test
    .map(
      (e, i) =>
        `${JSON.stringify({
          seed,
          line: e.line,
          text: e.text,
          label: e.label,
          prediction: labels[result.predictions[i]!],
          score: result.scores[i],
        })}\n`,
    )
    .join('');
}

/**
 * The end of `nlpft finetune`: `--predictions` (JSONL, atomically), then the JSON document (`header` fields, the
 * runs' scores and curves, the seed summary) or the text view (the spread over seeds, or one run's confusion matrix).
 */
export async function reportRuns(
  io: CliIo,
  options: { json: boolean; predictions: string | undefined; prog: string },
  header: Record<string, unknown>,
  testRaw: readonly RawExample[],
  labels: readonly string[],
  runs: readonly ReportedRun[],
): Promise<void> {
  if (options.predictions !== undefined)
    await withOutput(options.predictions, io, `${options.prog}: --predictions`, (sink) => {
      for (const run of runs) sink.write(predictionLines(run, testRaw, labels));
    });
  const summary = seedSummary(runs.map((r) => r.result));
  if (options.json) {
    const document = {
      ...header,
      labels,
      // Per-item predictions go to --predictions; the JSON keeps the scores and curves.
      runs: runs.map(({ seed, result: r }) => ({
        seed,
        accuracy: r.accuracy,
        accuracyCi: r.accuracyCi,
        precision: r.precision,
        recall: r.recall,
        f1: r.f1,
        confusion: r.confusion,
        steps: r.steps,
        seconds: r.seconds,
        lossCurve: r.lossCurve,
      })),
      summary,
    };
    io.stdout.write(`${JSON.stringify(document, null, 1)}\n`);
    return;
  }
  if (runs.length > 1) io.stdout.write(`${formatSeedSummary(summary)}\n`);
  else
    io.stdout.write(
      `confusion matrix (rows: true label, columns: predicted label)\n${formatConfusionMatrix(labels, runs[0]!.result.confusion)}\n`,
    );
}
