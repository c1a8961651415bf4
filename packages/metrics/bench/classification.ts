/**
 * Classification benchmark: `classificationReport` (text) and precision/recall/F1 (macro, three calls) on
 * 1,000,000 labels with 10 classes. Where /usr/bin/python3 has scikit-learn, the same labels are timed with
 * scikit-learn in the same run (numpy int arrays, the fast path for scikit-learn) and the ratio printed;
 * otherwise the ratio uses the figures (3.23 s report, 1.00 s P/R/F1; median wall time, 2 cores).
 *
 * Run: npx tsx bench/classification.ts   (from packages/metrics; --runs N, default 5)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classificationReport } from '../src/classification-report';
import { f1Score } from '../src/f1-score';
import { precisionScore } from '../src/precision-score';
import { recallScore } from '../src/recall-score';
import { mulberry32 } from '@nlpft/test-utils';

const N = 1_000_000;
const CLASSES = 10;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

const rand = mulberry32(3);
const yTrue: number[] = new Array<number>(N);
const yPred: number[] = new Array<number>(N);
for (let i = 0; i < N; i++) {
  const t = Math.floor(rand() * CLASSES);
  yTrue[i] = t;
  // 70% correct, otherwise a uniformly random class.
  yPred[i] = rand() < 0.7 ? t : Math.floor(rand() * CLASSES);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function time(fn: () => unknown): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

const NAMES = Array.from({ length: CLASSES }, (_, i) => `class-${i}`);
const sTrue = yTrue.map((y) => NAMES[y] as string);
const sPred = yPred.map((y) => NAMES[y] as string);

const ours = {
  report: time(() => classificationReport(yTrue, yPred)),
  reportStrings: time(() => classificationReport(sTrue, sPred)),
  prf: time(() => {
    precisionScore(yTrue, yPred, { average: 'macro' });
    recallScore(yTrue, yPred, { average: 'macro' });
    f1Score(yTrue, yPred, { average: 'macro' });
  }),
};

/** Times scikit-learn on the same labels; null when Python or scikit-learn is missing. */
function sklearn(): { report: number; reportStrings: number; prf: number; version: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'nlpft-bench-'));
  try {
    writeFileSync(join(dir, 'y_true.bin'), Int8Array.from(yTrue));
    writeFileSync(join(dir, 'y_pred.bin'), Int8Array.from(yPred));
    const script = `
import json, sys, time, statistics
import numpy as np
import sklearn
from sklearn.metrics import classification_report, precision_score, recall_score, f1_score
d = sys.argv[1]; runs = int(sys.argv[2])
yt = np.fromfile(d + '/y_true.bin', dtype=np.int8).astype(np.int64)
yp = np.fromfile(d + '/y_pred.bin', dtype=np.int8).astype(np.int64)
def t(f):
    f(); ts = []
    for _ in range(runs):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts)
def prf():
    precision_score(yt, yp, average='macro'); recall_score(yt, yp, average='macro'); f1_score(yt, yp, average='macro')
names = np.array(['class-%d' % i for i in range(10)])
st, sp = names[yt], names[yp]
print(json.dumps({'report': t(lambda: classification_report(yt, yp)), 'prf': t(prf),
                  'reportStrings': t(lambda: classification_report(st, sp)), 'version': sklearn.__version__}))
`;
    const r = spawnSync('/usr/bin/python3', ['-c', script, dir, String(RUNS)], {
      encoding: 'utf8',
    });
    if (r.status !== 0) return null;
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? 'null') as {
      report: number;
      reportStrings: number;
      prf: number;
      version: string;
    };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const peer = sklearn();
const ref = peer ?? {
  report: 3.23,
  reportStrings: NaN,
  prf: 1.0,
  version: '1.2.1 (issue figures)',
};
const fmt = (s: number): string => `${(s * 1000).toFixed(1)} ms`;
console.log(
  `classification on ${N.toLocaleString('en')} labels, ${CLASSES} classes; median of ${RUNS} runs`,
);
console.log(`scikit-learn ${ref.version}${peer ? ' timed in this run' : ''}`);
console.log(`| task | @nlpft/metrics | scikit-learn | ratio |`);
console.log(`| --- | ---: | ---: | ---: |`);
console.log(
  `| classification_report | ${fmt(ours.report)} | ${fmt(ref.report)} | ${(ref.report / ours.report).toFixed(1)}× |`,
);
console.log(
  `| classification_report, string labels | ${fmt(ours.reportStrings)} | ${fmt(ref.reportStrings)} | ${(ref.reportStrings / ours.reportStrings).toFixed(1)}× |`,
);
console.log(
  `| precision + recall + F1 (macro) | ${fmt(ours.prf)} | ${fmt(ref.prf)} | ${(ref.prf / ours.prf).toFixed(1)}× |`,
);
