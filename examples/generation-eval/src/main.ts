// Evaluating generations: two "systems" produce outputs for the same Moby-Dick sentences, and @nlpft/metrics
// scores them as sacrebleu (BLEU, chrF2, TER) and rouge-score (ROUGE-1/2/L) would, with 95% bootstrap confidence
// intervals and a paired bootstrap significance test between the systems (Koehn 2004).
// The system outputs are the references perturbed by a seeded PRNG (system A: light noise; system B: heavier), a
// stand-in for two models' generations. A quick run is the default (200 sentences, 300 resamples, what CI runs); `--full` scores 1,000 sentences with 1,000 resamples.
import { pairedBootstrapTest } from '@nlpft/metrics';
import { evaluateSystem } from './evaluate-system';
import { mobyDickSentences } from './moby-dick-sentences';
import { mulberry32, perturb } from './perturb';

const full = process.argv.includes('--full');
const count = full ? 1000 : 200;
const samples = full ? 1000 : 300;

const references = mobyDickSentences(count);
const vocabulary = [...new Set(references.flatMap((s) => s.split(' ')))].sort();
const random = mulberry32(2024);
const systemA = references.map((s) =>
  perturb(s, { drop: 0.05, substitute: 0.05, swap: 0.03 }, vocabulary, random),
);
const systemB = references.map((s) =>
  perturb(s, { drop: 0.08, substitute: 0.1, swap: 0.05 }, vocabulary, random),
);

console.log(
  `${references.length} Moby-Dick sentences as references; ${samples} bootstrap resamples\n`,
);
for (const i of [0, 1]) {
  console.log(`reference: ${references[i]}`);
  console.log(`system A : ${systemA[i]}`);
  console.log(`system B : ${systemB[i]}\n`);
}

const reports = {
  A: evaluateSystem(systemA, references, samples),
  B: evaluateSystem(systemB, references, samples),
};
for (const [name, report] of Object.entries(reports)) {
  console.log(`system ${name}`);
  for (const line of report.lines) console.log(`  ${line}`);
  const { rouge1, rouge2, rougeL } = report.rouge.mean;
  const pct = (x: number | undefined): string => ((x ?? NaN) * 100).toFixed(2);
  console.log(
    `  ROUGE-1/2/L F (stemmed, mean of ${references.length}) = ${pct(rouge1?.fmeasure)} / ${pct(rouge2?.fmeasure)} / ${pct(rougeL?.fmeasure)}`,
  );
  for (const [metric, ci] of Object.entries(report.intervals)) {
    console.log(
      `  ${metric.padEnd(5)} ${ci.score.toFixed(2)}  95% CI [${ci.lower.toFixed(2)}, ${ci.upper.toFixed(2)}] (±${ci.halfWidth.toFixed(2)})`,
    );
  }
  console.log('');
}

console.log(
  'paired bootstrap test, B (system) vs A (baseline); higher is better except TER (an edit rate):',
);
for (const metric of ['BLEU', 'chrF2', 'TER'] as const) {
  const test = pairedBootstrapTest(
    reports.A.rows[metric].rows,
    reports.B.rows[metric].rows,
    reports.A.rows[metric].score,
    { samples, seed: 7 },
  );
  const verdict = test.pValue < 0.05 ? 'significant at p < 0.05' : 'not significant';
  console.log(
    `  ${metric.padEnd(5)} Δ = ${test.difference >= 0 ? '+' : ''}${test.difference.toFixed(2)}  p = ${test.pValue.toFixed(4)}  (${verdict})`,
  );
}
