/**
 * Generation-metric benchmark: corpus BLEU, chrF, chrF++ and TER on 3,000 sentence pairs of ~25 words, and
 * ROUGE-1/2/L/Lsum on 1,000 three-line summaries (with and without stemmer). Texts are generated from a
 * seeded PRNG, so every run scores the same corpus. sacrebleu / rouge-score cannot run on this machine
 * (no PyPI), so the ratio is against the figures measured for the issue (median wall time, 2 cores):
 * sacrebleu 2.4.3 BLEU 13a 0.92 s, chrF 1.81 s, chrF++ 2.30 s, TER 2.90 s; rouge-score 0.1.2 4.11 s,
 * 7.81 s with stemmer.
 *
 * Run: npx tsx bench/generation.ts   (from packages/metrics; add --runs N, default 7)
 */
import { corpusBleu } from '../src/corpus-bleu';
import { corpusChrf } from '../src/corpus-chrf';
import { corpusRouge } from '../src/corpus-rouge';
import { corpusTer } from '../src/corpus-ter';
import { hyps, predictions, refs, targets } from './generation-corpus';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function time(name: string, peerSeconds: number, fn: () => number): void {
  for (let w = 0; w < 3; w++) fn(); // warm-up: let the JIT settle before timing
  const wall: number[] = [];
  const cpu: number[] = [];
  let value = 0;
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    value = fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const w = median(wall);
  const c = median(cpu);
  console.log(
    `${name.padEnd(31)} wall ${w.toFixed(3).padStart(6)} s  cpu ${c.toFixed(3).padStart(6)} s  ` +
      `peer ${peerSeconds.toFixed(2)} s  ${(peerSeconds / w).toFixed(1).padStart(5)}x (wall) ` +
      `${(peerSeconds / c).toFixed(1).padStart(5)}x (cpu)   score ${value.toFixed(4)}`,
  );
}

const words = hyps.reduce((n, h) => n + h.split(' ').length, 0);
console.log(
  `@nlpft/metrics generation benchmark — median of ${RUNS} runs, Node ${process.version}, ` +
    `${hyps.length} pairs (${(words / hyps.length).toFixed(1)} words/hyp), ${targets.length} 3-line summaries`,
);
console.log(
  'peer figures: measured for issue 3 (sacrebleu 2.4.3, rouge-score 0.1.2; median wall time, 2 cores), not re-run ' +
    "here; cpu = this process's user+system time, steadier than wall time on a shared machine",
);
console.log(
  `load average now: ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}\n`,
);
time('corpusBleu (13a)', 0.92, () => corpusBleu(hyps, [refs]).score);
time('corpusChrf (chrF2)', 1.81, () => corpusChrf(hyps, [refs]).score);
time('corpusChrf (chrF2++)', 2.3, () => corpusChrf(hyps, [refs], { wordOrder: 2 }).score);
time('corpusTer', 2.9, () => corpusTer(hyps, [refs]).score);
time(
  'corpusRouge 1/2/L/Lsum',
  4.11,
  () => corpusRouge(targets, predictions).mean.rougeLsum?.fmeasure ?? NaN,
);
time(
  'corpusRouge 1/2/L/Lsum stemmed',
  7.81,
  () => corpusRouge(targets, predictions, { useStemmer: true }).mean.rougeLsum?.fmeasure ?? NaN,
);
