import type { DemoResults, Finding, FinetuneRun } from '@nlpft/cli';
import { continuedPretrainingFindings, robustnessFindings } from './robustness-findings';
import { formatP, pairedVerdict } from './significance';
import {
  argMax,
  bestPretrainedStrategy,
  pretrainedMeans,
  sizeLabels,
  transferPairs,
} from './situations';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
};
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * Verdict on a difference a − b of two groups of run accuracies: supported when it exceeds two standard errors,
 * contradicted when it is below minus two, otherwise inconclusive at this scale.
 */
function verdict(a: readonly number[], b: readonly number[]): boolean | null {
  if (a.length === 0 || b.length === 0) return null;
  const se = Math.sqrt(std(a) ** 2 / a.length + std(b) ** 2 / b.length) || 1e-9;
  const d = mean(a) - mean(b);
  return d > 2 * se ? true : d < -2 * se ? false : null;
}

const accuracies = (runs: readonly FinetuneRun[], pick: (r: FinetuneRun) => boolean) =>
  runs.filter(pick).map((r) => r.accuracy);

/** The lecture's claims, checked against this run's numbers (with the numbers as evidence). */
export function findings(r: Omit<DemoResults, 'findings'>): Finding[] {
  const out: Finding[] = [];
  for (const p of r.pretraining) {
    out.push({
      claim: `Pre-training (${p.model}) lowers held-out perplexity`,
      holds: p.heldOut.perplexity < p.heldOutAtInit.perplexity,
      evidence: `${p.heldOutAtInit.perplexity.toFixed(1)} at initialisation → ${p.heldOut.perplexity.toFixed(1)} after ${p.steps} steps (${p.heldOut.tokens} held-out tokens)`,
    });
  }
  const sizes = r.data.spamTrainSizes;
  const small = Math.min(...sizes);
  const large = Math.max(...sizes);
  const gap = (n: number) => {
    const pre = accuracies(r.finetuning, (x) => x.trainSize === n && x.init === 'pretrained');
    const rnd = accuracies(r.finetuning, (x) => x.trainSize === n && x.init === 'random');
    return { pre, rnd, d: mean(pre) - mean(rnd) };
  };
  // Transfer, one claim per situation of the lecture's map: does pre-training help when the model is fine-tuned
  // the way that works best there? The best pre-trained strategy against random init with the same strategy,
  // paired by seed; the mean over every strategy (paired by strategy and seed) is given beside it.
  const transfer = (
    similarity: 'similar' | 'dissimilar',
    size: 'small' | 'large',
    n: number,
    what: string,
    runs: Parameters<typeof transferPairs>[0],
  ): Finding => {
    const best = bestPretrainedStrategy(runs, n);
    const { pre, rnd } = transferPairs(runs, n, best);
    const v = pairedVerdict(pre, rnd);
    const all = transferPairs(runs, n);
    const overall = pairedVerdict(all.pre, all.rnd);
    const points = (d: number) => `${d >= 0 ? '+' : ''}${(100 * d).toFixed(1)} points`;
    return {
      id: 'transfer',
      situation: { similarity, size },
      claim: `Transfer: starting from the pre-trained model beats random initialisation (${what})`,
      holds: v.holds,
      evidence:
        `${best} (the best pre-trained strategy) ${pct(mean(pre))} from pre-trained weights vs ${pct(mean(rnd))} from random ones: ` +
        `${points(v.effect)}, ${formatP(v.p)} (paired t-test over ${v.pairs} seeds); over every strategy ${pct(mean(all.pre))} vs ` +
        `${pct(mean(all.rnd))}, ${points(overall.effect)}, ${formatP(overall.p)} (${overall.pairs} strategy × seed pairs)`,
      effect: v.effect,
      p: v.p,
      seeds: v.pairs,
    };
  };
  for (const [size, n] of sizeLabels(r.similar.trainSizes))
    out.push(transfer('similar', size, n, `similar text, ${n} training questions`, r.similar.runs));
  for (const [size, n] of sizeLabels(sizes))
    out.push(transfer('dissimilar', size, n, `dissimilar text, ${n} training mails`, r.finetuning));
  const sim = r.similar;
  for (const [size, n] of sizeLabels(sim.trainSizes)) {
    const means = pretrainedMeans(sim.runs, n);
    const best = argMax(means);
    const newHead = argMax(
      Object.fromEntries(Object.entries(means).filter(([strategy]) => strategy !== 'likelihood')),
    );
    const words = sim.wordPairBaseline.find((w) => w.trainSize === n)?.accuracy ?? NaN;
    const runsOf = (strategy: string) =>
      sim.runs.filter(
        (x) => x.strategy === strategy && x.init === 'pretrained' && x.trainSize === n,
      );
    const likelihood = runsOf('likelihood').map((x) => x.accuracy);
    const head = runsOf(newHead).map((x) => x.accuracy);
    const v = pairedVerdict(likelihood, head.slice(0, likelihood.length));
    out.push({
      id: 'likelihood-keeps-knowledge',
      situation: { similarity: 'similar', size },
      claim: `Fine-tuning the language model's own score keeps what it knows better than a new head (${n} questions)`,
      holds: v.holds,
      evidence: `likelihood fine-tuning ${pct(mean(likelihood))} vs the best new-head strategy (${newHead}) ${pct(means[newHead]!)}, ${formatP(v.p)} over ${v.pairs} seeds; best cell ${best} ${pct(means[best]!)} against the zero-shot likelihood ${pct(sim.zeroShot.pretrained)} (random weights ${pct(sim.zeroShot.random)}) and the word-pair baseline ${pct(words)}`,
      effect: v.effect,
      p: v.p,
      seeds: v.pairs,
    });
  }
  if (sizes.length > 1) {
    const s = gap(small);
    const l = gap(large);
    out.push({
      claim: 'Pre-training matters most when labelled data is scarce',
      // Only meaningful when pre-training measurably helps on the small set.
      holds: verdict(s.pre, s.rnd) === null ? null : s.d > l.d,
      evidence: `gain from pre-training ${pct(s.d)} with ${small} mails vs ${pct(l.d)} with ${large}`,
    });
  }
  const cell = (n: number, strategy: string) =>
    accuracies(
      r.finetuning,
      (x) => x.trainSize === n && x.init === 'pretrained' && x.strategy === strategy,
    );
  out.push({
    claim: `Little data: freezing the pre-trained body and training a new head is as good as tuning everything (${small} mails)`,
    holds: verdict(cell(small, 'head-only'), cell(small, 'full')) !== false,
    evidence: `head only ${pct(mean(cell(small, 'head-only')))} vs full ${pct(mean(cell(small, 'full')))}`,
  });
  if (sizes.length > 1) {
    out.push({
      claim: `More data: fine-tuning everything beats training only a new head (${large} mails)`,
      holds: verdict(cell(large, 'full'), cell(large, 'head-only')),
      evidence: `full ${pct(mean(cell(large, 'full')))} vs head only ${pct(mean(cell(large, 'head-only')))}`,
    });
  }
  out.push({
    claim: `Gradual unfreezing is at least as good as full fine-tuning on little data (${small} mails)`,
    holds: verdict(cell(small, 'gradual-unfreezing'), cell(small, 'full')) !== false,
    evidence: `gradual ${pct(mean(cell(small, 'gradual-unfreezing')))} vs full ${pct(mean(cell(small, 'full')))}`,
  });
  const [bert, adamw] = r.instability;
  if (bert !== undefined && adamw !== undefined) {
    out.push({
      claim:
        'Fine-tuning is unstable across seeds; bias-corrected Adam with warmup narrows the spread',
      holds: bert.std > adamw.std && bert.min <= adamw.min,
      evidence: `accuracy std ${pct(bert.std)} (${bert.recipe}, ${bert.failed} failed) vs ${pct(adamw.std)} (${adamw.recipe}, ${adamw.failed} failed); min ${pct(bert.min)} vs ${pct(adamw.min)}`,
    });
  }
  if (r.robustness !== undefined) out.push(...robustnessFindings(r.robustness));
  if (r.continuedPretraining !== undefined)
    out.push(...continuedPretrainingFindings(r.continuedPretraining, r.finetuning));
  const mc = r.generation.multipleChoice;
  const se = Math.sqrt((mc.chance * (1 - mc.chance)) / mc.n);
  out.push({
    claim: 'The pre-trained GPT-2 picks the true next sentence above chance',
    holds: mc.accuracy > mc.chance + 2 * se ? true : mc.accuracy < mc.chance ? false : null,
    evidence: `${pct(mc.accuracy)} of ${mc.n} four-way questions (chance ${pct(mc.chance)}, two standard errors ${pct(2 * se)})`,
  });
  return out;
}

export { mean, std };
