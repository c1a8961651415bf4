import type {
  ContinuedPretrainingSection,
  Finding,
  FinetuneRun,
  RobustnessSection,
  RobustnessSituation,
} from '@nlpft/cli';
import { formatP, pairedVerdict } from './significance';
import type { PairedVerdict } from './significance';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const points = (d: number) => `${d >= 0 ? '+' : ''}${(100 * d).toFixed(1)} points`;

/** Pre-trained and random-init runs of a situation paired by seed. */
export function seedPairs(s: RobustnessSituation): {
  pre: RobustnessSituation['runs'];
  rnd: RobustnessSituation['runs'];
} {
  const pre: RobustnessSituation['runs'] = [];
  const rnd: RobustnessSituation['runs'] = [];
  for (const p of s.runs.filter((r) => r.init === 'pretrained')) {
    const r = s.runs.find((x) => x.init === 'random' && x.seed === p.seed);
    if (r !== undefined) {
      pre.push(p);
      rnd.push(r);
    }
  }
  return { pre, rnd };
}

/** Accuracy lost to the perturbations: clean accuracy minus the mean over the perturbed copies. */
export function accuracyDrop(run: RobustnessSituation['runs'][number]): number {
  const perturbed = Object.values(run.perturbed);
  return perturbed.length === 0 ? Number.NaN : run.accuracy - mean(perturbed);
}

/**
 * A verdict on "pre-trained is lower" (lower ECE, smaller drop): the paired test of random minus pre-trained,
 * reported with the effect as pre-trained minus random (negative is the claim's direction).
 */
function lowerIsBetter(pre: readonly number[], rnd: readonly number[]): PairedVerdict {
  const v = pairedVerdict(rnd, pre);
  return { ...v, effect: -v.effect };
}

const where = (s: RobustnessSituation) =>
  `${s.similarity} text, ${s.trainSize} ${s.similarity === 'similar' ? 'questions' : 'mails'}; ${s.strategy}`;

/**
 * The lecture's second effect of pre-training, per situation of the map, on the best pre-trained strategy and its
 * random-init twin: 'calibration' (lower expected calibration error) and 'robustness' (less accuracy lost to the
 * perturbations), each by a paired t-test over seeds.
 */
export function robustnessFindings(section: RobustnessSection): Finding[] {
  const out: Finding[] = [];
  for (const s of section.situations) {
    const { pre, rnd } = seedPairs(s);
    if (pre.length === 0) continue;
    const situation = { similarity: s.similarity, size: s.size };
    const ece = lowerIsBetter(
      pre.map((r) => r.ece),
      rnd.map((r) => r.ece),
    );
    out.push({
      id: 'calibration',
      situation,
      claim: `Pre-training improves calibration: lower expected calibration error than random init (${where(s)})`,
      holds: ece.holds,
      evidence:
        `ECE (${section.nBins} equal-width bins, top label) ${mean(pre.map((r) => r.ece)).toFixed(3)} pre-trained vs ` +
        `${mean(rnd.map((r) => r.ece)).toFixed(3)} random init, difference ${ece.effect >= 0 ? '+' : ''}${ece.effect.toFixed(3)}, ` +
        `${formatP(ece.p)} (paired t-test over ${ece.pairs} seeds); accuracy ${pct(mean(pre.map((r) => r.accuracy)))} vs ${pct(mean(rnd.map((r) => r.accuracy)))}`,
      effect: ece.effect,
      p: ece.p,
      seeds: ece.pairs,
    });
    const drop = lowerIsBetter(pre.map(accuracyDrop), rnd.map(accuracyDrop));
    const perturbedText = section.perturbations
      .map((p) => {
        const a = pairedVerdict(
          pre.map((r) => r.perturbed[p.name] ?? Number.NaN),
          rnd.map((r) => r.perturbed[p.name] ?? Number.NaN),
        );
        return `${p.name} ${pct(mean(pre.map((r) => r.perturbed[p.name]!)))} vs ${pct(mean(rnd.map((r) => r.perturbed[p.name]!)))} (${points(a.effect)}, ${formatP(a.p)})`;
      })
      .join('; ');
    out.push({
      id: 'robustness',
      situation,
      claim: `Pre-training improves robustness: less accuracy lost to typos and punctuation noise than random init (${where(s)})`,
      holds: drop.holds,
      evidence:
        `accuracy lost ${points(mean(pre.map(accuracyDrop)))} pre-trained vs ${points(mean(rnd.map(accuracyDrop)))} random init ` +
        `(clean ${pct(mean(pre.map((r) => r.accuracy)))} vs ${pct(mean(rnd.map((r) => r.accuracy)))}), difference ${points(drop.effect)}, ` +
        `${formatP(drop.p)} over ${drop.pairs} seeds; perturbed accuracy pre-trained vs random: ${perturbedText}`,
      effect: drop.effect,
      p: drop.p,
      seeds: drop.pairs,
    });
  }
  return out;
}

/**
 * 'continued-pretraining', per size of the dissimilar task: fine-tuning from the model adapted to mail beats
 * fine-tuning the general pre-trained model with the same strategy and seed (paired t-test).
 */
export function continuedPretrainingFindings(
  cpt: ContinuedPretrainingSection,
  grid: readonly FinetuneRun[],
): Finding[] {
  return cpt.strategies.flatMap(({ trainSize, size, strategy }) => {
    const adapted: number[] = [];
    const general: number[] = [];
    for (const a of cpt.runs.filter((r) => r.trainSize === trainSize && r.strategy === strategy)) {
      const twin = grid.find(
        (g) =>
          g.init === 'pretrained' &&
          g.trainSize === trainSize &&
          g.strategy === strategy &&
          g.seed === a.seed,
      );
      if (twin === undefined) continue;
      adapted.push(a.accuracy);
      general.push(twin.accuracy);
    }
    if (adapted.length === 0) return [];
    const v = pairedVerdict(adapted, general);
    return [
      {
        id: 'continued-pretraining',
        situation: { similarity: 'dissimilar' as const, size },
        claim: `Pre-training further on the target domain (unlabelled mails) before fine-tuning helps (${trainSize} mails, ${strategy})`,
        holds: v.holds,
        evidence:
          `${pct(mean(adapted))} after ${cpt.steps} steps on ${cpt.texts} unlabelled mails vs ${pct(mean(general))} without: ` +
          `${points(v.effect)}, ${formatP(v.p)} (paired t-test over ${v.pairs} seeds); held-out mail perplexity ` +
          `${cpt.heldOutAtStart.perplexity.toFixed(1)} → ${cpt.heldOut.perplexity.toFixed(1)}`,
        effect: v.effect,
        p: v.p,
        seeds: v.pairs,
      },
    ];
  });
}
