import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapConfidenceInterval, meanStatistics } from '@nlpft/metrics';
import { readReference } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { formatConfusionMatrix, parseLabels } from './eval-classification';
import { runNlpft, tempDir } from './run-nlpft.test-helper';

type Label = number | string;
interface Args {
  y_true: Label[];
  y_pred: Label[];
  digits?: number;
}

/** Writes the two label files and runs the command in their folder. */
async function classify(yTrue: readonly Label[], yPred: readonly Label[], extra: string[] = []) {
  const dir = tempDir();
  writeFileSync(join(dir, 'true.txt'), yTrue.map((l) => `${l}\n`).join(''));
  writeFileSync(join(dir, 'pred.txt'), yPred.map((l) => `${l}\n`).join(''));
  return runNlpft(
    ['eval', 'classification', '--y-true', 'true.txt', '--y-pred', 'pred.txt', ...extra],
    {
      cwd: dir,
    },
  );
}

const reference = readReference<Args, unknown>('metrics/classification.json', {
  revive: false,
}).cases;
// Only labels a text file keeps as they are: integers, or strings that are not all integers.
const fileSafe = (c: { args: Args }): boolean => {
  const all = [...c.args.y_true, ...c.args.y_pred];
  return (
    all.every((l) => typeof l === 'number') ||
    all.every((l) => typeof l === 'string' && !/^\s*[+-]?\d+\s*$/.test(l) && l.trim() === l)
  );
};
const reports = reference.filter(
  (c) =>
    c.metric === 'classification_report' &&
    c.expected !== undefined &&
    c.args.y_true.length > 0 &&
    Object.keys(c.args).every((k) => ['y_true', 'y_pred', 'digits'].includes(k)),
);

describe('nlpft eval classification', () => {
  it('has reference reports to run', () => expect(reports.length).toBeGreaterThanOrEqual(4));

  it.each(reports)("$id prints scikit-learn 1.2.1's report and its warnings", async (c) => {
    const r = await classify(
      c.args.y_true,
      c.args.y_pred,
      c.args.digits ? ['--digits', String(c.args.digits)] : [],
    );
    const e = c.expected as { text: string; dict: { accuracy: number } };
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`${e.text}\naccuracy = ${e.dict.accuracy.toFixed(4)}\n`)).toBe(true);
    expect(r.stderr).toBe(c.warnings.map((w) => `${w.category}: ${w.message}\n`).join(''));
  });

  it.each(
    reference.filter(
      (c) =>
        c.metric === 'confusion_matrix' &&
        c.expected &&
        Object.keys(c.args).length === 2 &&
        c.args.y_true.length > 0 &&
        fileSafe(c),
    ),
  )("$id gives scikit-learn's confusion matrix in --json", async (c) => {
    const r = await classify(c.args.y_true, c.args.y_pred, ['--json']);
    expect((JSON.parse(r.stdout) as { confusionMatrix: unknown }).confusionMatrix).toEqual(
      c.expected,
    );
  });

  it('prints the matrix as a table: rows true labels, columns predicted', async () => {
    const yTrue = ['cat', 'dog', 'dog', 'bird', 'cat', 'dog'];
    const yPred = ['cat', 'dog', 'cat', 'bird', 'cat', 'bird'];
    const r = await classify(yTrue, yPred);
    expect(
      r.stdout.endsWith(
        'confusion matrix (rows: true label, columns: predicted label)\n' +
          '      bird  cat  dog\n' +
          'bird     1    0    0\n' +
          'cat      0    2    0\n' +
          'dog      1    1    1\n',
      ),
    ).toBe(true);
  });

  it("adds the bootstrap interval of accuracy that @nlpft/metrics' bootstrap gives", async () => {
    const yTrue = Array.from({ length: 60 }, (_, i) => i % 3);
    const yPred = yTrue.map((y, i) => (i % 4 === 0 ? (y + 1) % 3 : y));
    const r = await classify(yTrue, yPred, ['--bootstrap', '500', '--seed', '7', '--json']);
    const out = JSON.parse(r.stdout) as { accuracy: number; bootstrap: Record<string, number> };
    const { stats, score } = meanStatistics(yTrue.map((y, i) => (y === yPred[i] ? 1 : 0)));
    const expected = bootstrapConfidenceInterval(stats, score, { samples: 500, seed: 7 });
    expect(out.bootstrap).toEqual({ ...expected, confidence: 0.95, seed: 7 });
    // 45 of 60 right.
    expect(out.accuracy).toBe(0.75);
    expect(out.bootstrap['lower']).toBeLessThan(0.75);
    expect(out.bootstrap['upper']).toBeGreaterThan(0.75);
    const text = await classify(yTrue, yPred, ['--bootstrap', '500', '--seed', '7']);
    expect(text.stdout).toContain(
      `accuracy = 0.7500 (95% CI ${expected.lower.toFixed(4)}–${expected.upper.toFixed(4)}, 500 bootstrap resamples, seed 7)`,
    );
  });

  it('surfaces the metrics error for files of different lengths, and requires both files', async () => {
    const r = await classify([0, 1, 1], [0, 1]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error\[MetricsError LENGTH_MISMATCH\]: nlpft eval classification: /);
    const missing = await runNlpft(['eval', 'classification', '--y-true', 'a.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nlpft eval classification: --y-pred is required');
  });
});

describe('parseLabels', () => {
  it('reads integers as numbers only when every label of both files is one', () => {
    expect(parseLabels(['1', '10', '2'], ['2', '1', '1'])).toEqual([
      [1, 10, 2],
      [2, 1, 1],
    ]);
    expect(parseLabels(['1', '10'], ['2', 'x'])).toEqual([
      ['1', '10'],
      ['2', 'x'],
    ]);
    expect(parseLabels(['0.5'], ['1'])).toEqual([['0.5'], ['1']]);
  });
});

describe('formatConfusionMatrix', () => {
  it('pads columns to the widest cell', () => {
    expect(
      formatConfusionMatrix(
        ['a', 'long'],
        [
          [10, 0],
          [1, 200],
        ],
      ),
    ).toBe(
      // columns: 4 (label), 2 ("10"), 4 ("long")
      '       a  long\n' + 'a     10     0\n' + 'long   1   200',
    );
  });
});
