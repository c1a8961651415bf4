import {
  accuracyScore,
  bootstrapConfidenceInterval,
  classificationReport,
  confusionMatrix,
  meanStatistics,
} from '@nlpft/metrics';
import type { ConfidenceInterval, Label, MetricWarning } from '@nlpft/metrics';
import { defineCommand } from '../cli/define-command';
import { readLines } from '../cli/read-input';

/**
 * Labels as numpy would read the two files: numbers when every label of both files is an integer, else strings
 * (scikit-learn rejects non-integer numbers as "continuous" targets, so those stay strings).
 */
export function parseLabels(
  yTrue: readonly string[],
  yPred: readonly string[],
): [Label[], Label[]] {
  const isInteger = (s: string): boolean => /^\s*[+-]?\d+\s*$/.test(s);
  const numeric = yTrue.every(isInteger) && yPred.every(isInteger);
  const convert = (lines: readonly string[]): Label[] =>
    numeric ? lines.map(Number) : lines.map((l) => l.trim());
  return [convert(yTrue), convert(yPred)];
}

/** The confusion matrix as a text table: rows are true labels, columns predicted labels. */
export function formatConfusionMatrix(
  labels: readonly Label[],
  matrix: readonly (readonly number[])[],
): string {
  const head = ['', ...labels.map(String)];
  const rows = matrix.map((row, i) => [String(labels[i]), ...row.map(String)]);
  const widths = head.map((_, c) => Math.max(...[head, ...rows].map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

/** `nlpft eval classification`: scikit-learn's classification report, accuracy with a bootstrap CI, confusion matrix. */
export const evalClassificationCommand = defineCommand({
  name: 'eval classification',
  summary:
    'classification report, accuracy (with --bootstrap CI) and confusion matrix from label files',
  usage: '--y-true FILE --y-pred FILE [options]',
  description:
    "One label per line. The report is scikit-learn 1.2.1's classification_report; labels are numbers when\n" +
    'every label in both files is an integer, else strings. --bootstrap N adds a percentile bootstrap interval of\n' +
    "accuracy (resampling items, numpy's default_rng(seed) draws as sacrebleu).",
  options: {
    yTrue: { type: 'string', valueName: 'FILE', required: true, description: 'gold labels' },
    yPred: { type: 'string', valueName: 'FILE', required: true, description: 'predicted labels' },
    digits: { type: 'integer', min: 0, max: 20, default: 2, description: 'decimals in the report' },
    bootstrap: {
      type: 'integer',
      min: 1,
      max: 1_000_000,
      valueName: 'N',
      description: 'bootstrap resamples for an accuracy CI',
    },
    confidence: {
      type: 'number',
      min: 0,
      max: 1,
      default: 0.95,
      description: 'coverage of the interval',
    },
    seed: {
      type: 'integer',
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      default: 12345,
      description: 'resampling seed',
    },
    json: { type: 'boolean', description: 'print JSON (report as output_dict)' },
  },
  examples: [
    'nlpft eval classification --y-true gold.txt --y-pred pred.txt',
    'nlpft eval classification --y-true gold.txt --y-pred pred.txt --bootstrap 1000 --json',
  ],
  async run({ options }, io) {
    const prog = 'nlpft eval classification';
    const [yTrue, yPred] = parseLabels(
      await readLines(options.yTrue, io, `${prog}: --y-true`),
      await readLines(options.yPred, io, `${prog}: --y-pred`),
    );
    const onWarning = (w: MetricWarning): void =>
      void io.stderr.write(`${w.category}: ${w.message}\n`);
    const accuracy = accuracyScore(yTrue, yPred);
    const { labels, matrix } = confusionMatrix(yTrue, yPred);
    let interval: ConfidenceInterval | undefined;
    if (options.bootstrap !== undefined) {
      const { stats, score } = meanStatistics(yTrue.map((t, i) => (t === yPred[i] ? 1 : 0)));
      interval = bootstrapConfidenceInterval(stats, score, {
        samples: options.bootstrap,
        confidence: options.confidence,
        seed: options.seed,
      });
    }
    if (options.json) {
      const report = classificationReport(yTrue, yPred, {
        digits: options.digits,
        outputDict: true,
        onWarning,
      });
      const out: Record<string, unknown> = {
        report,
        accuracy,
        confusionMatrix: { labels, matrix },
      };
      if (interval) {
        out['bootstrap'] = { ...interval, confidence: options.confidence, seed: options.seed };
      }
      io.stdout.write(JSON.stringify(out, null, 1) + '\n');
      return;
    }
    const text = classificationReport(yTrue, yPred, { digits: options.digits, onWarning });
    const ci = interval
      ? ` (${Math.round(options.confidence * 1000) / 10}% CI ${interval.lower.toFixed(4)}–${interval.upper.toFixed(4)}, ${interval.samples} bootstrap resamples, seed ${options.seed})`
      : '';
    io.stdout.write(
      `${text}\naccuracy = ${accuracy.toFixed(4)}${ci}\n\n` +
        'confusion matrix (rows: true label, columns: predicted label)\n' +
        `${formatConfusionMatrix(labels, matrix)}\n`,
    );
  },
});
