import type {
  ChoiceRun,
  CurvePoint,
  DemoResults,
  FinetuneRun,
  InstabilityRecipe,
  Situation,
  SimilarTaskSection,
} from './report-types';
import { STRATEGIES } from '@nlpft/training';
import { CHOICE_STRATEGIES } from './summarize-choice-cells';
import { INITS } from './summarize-cells';

/**
 * A complete, made-up {@link DemoResults} for tests and for previewing the report without running the demo:
 * every section filled, metrics consistent with their confusion counts, one collapsed seed, and text with
 * HTML special characters. Deterministic.
 */
export function syntheticResults(): DemoResults {
  const testSize = 200;
  const spam = 30; // majority baseline (ham) = 170 / 200 = 0.85
  const finetuning: FinetuneRun[] = [];
  STRATEGIES.forEach((strategy, si) => {
    for (const init of INITS) {
      for (const trainSize of [50, 400]) {
        for (let seed = 0; seed < 5; seed++) {
          let fn =
            2 + si * 2 + (init === 'random' ? 6 : 0) + (trainSize === 50 ? 3 : 0) + (seed % 3);
          let fp = 1 + (seed % 2) + si;
          // One collapsed run: predicts ham for everything.
          if (
            strategy === 'gradual-unfreezing' &&
            init === 'random' &&
            trainSize === 50 &&
            seed === 3
          ) {
            fn = spam;
            fp = 0;
          }
          const tp = spam - fn;
          const tn = testSize - spam - fp;
          const accuracy = (tp + tn) / testSize;
          const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
          const recall = tp / spam;
          const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
          finetuning.push({
            strategy,
            init,
            trainSize,
            seed,
            accuracy,
            precision,
            recall,
            f1,
            confusion: [
              [tn, fp],
              [fn, tp],
            ],
            accuracyCi: [accuracy - 0.035, Math.min(1, accuracy + 0.03)],
            lossCurve: curve(20, 10, 0.69, 0.05 + fn / 200, 40 + si * 20),
            seconds: 3 + si,
          });
        }
      }
    }
  });
  const similar = similarTask();
  return {
    meta: {
      mode: 'quick',
      createdAt: '2025-03-01T14:05:00.000Z',
      machine: '2 cores, Intel(R) Xeon(R) CPU @ 2.20GHz, 8 GB, Linux 6.1, Node 20.20.2',
      seconds: 754.2,
    },
    data: {
      pretrainTexts: 12000,
      pretrainTokens: 1834567,
      heldOutTexts: 500,
      tokenizerVocabSize: 8000,
      spamTrainSizes: [50, 400],
      spamTestSize: testSize,
      majorityBaseline: (testSize - spam) / testSize,
    },
    pretraining: [
      {
        model: 'bert-mlm',
        description: 'BERT, 2 layers, hidden 128, 2 heads, vocab 8000 (MLM head tied)',
        parameters: 1_234_567,
        steps: 600,
        seconds: 312.5,
        cached: false,
        lossCurve: curve(61, 10, 9.0, 4.6, 150),
        heldOutAtInit: { loss: 9.05, perplexity: Math.exp(9.05), tokens: 40000 },
        heldOut: { loss: 4.8, perplexity: Math.exp(4.8), tokens: 40000 },
      },
      {
        model: 'gpt2-clm',
        description: 'GPT-2, 2 layers, hidden 128, 2 heads, context 128, vocab 8000',
        parameters: 1_345_678,
        steps: 600,
        seconds: 280.1,
        cached: true,
        lossCurve: curve(61, 10, 9.0, 4.2, 120),
        heldOutAtInit: { loss: 9.0, perplexity: Math.exp(9.0), tokens: 52000 },
        heldOut: { loss: 4.4, perplexity: Math.exp(4.4), tokens: 52000 },
      },
    ],
    finetuning,
    instability: [
      recipe('BERTAdam (no bias correction)', [0.85, 0.93, 0.85, 0.91, 0.945], 0.85),
      recipe('AdamW + warmup', [0.93, 0.94, 0.925, 0.95, 0.935], 0.85),
    ],
    generation: {
      multipleChoice: { accuracy: 0.42, n: 200, choices: 4, chance: 0.25 },
      bleu: {
        score: 3.21,
        signature: 'nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.0',
      },
      rouge: { rouge1: 0.214, rouge2: 0.041, rougeL: 0.187 },
      samples: [
        {
          prompt: 'The meeting is moved to',
          generated: ' the next week, and the <b>team</b> will',
          reference: ' Thursday at 3 pm in room 4.',
        },
        {
          prompt: 'Click here to claim <your> prize & "win"',
          generated: ' now!!! <script>alert(1)</script>',
          reference: ' a free cruise.',
        },
        {
          prompt: 'A long unbroken token:',
          generated: ` ${'x'.repeat(300)}`,
          reference: ' none',
        },
      ],
    },
    similar,
    situations: situations(similar, finetuning),
    findings: [
      {
        claim: 'Pre-training lowers held-out perplexity',
        holds: true,
        evidence: 'GPT-2 perplexity fell from 8103 to 81 on 500 held-out texts.',
      },
      {
        claim: 'Gradual unfreezing beats full fine-tuning with little data',
        holds: false,
        situation: { similarity: 'dissimilar', size: 'small' },
        effect: -0.035,
        p: 0.0004,
        seeds: 5,
        evidence:
          'At 50 examples full fine-tuning scored 0.930 vs 0.895 for gradual unfreezing (5 seeds).',
      },
      {
        claim: 'Bias correction & warmup reduce seed failures (<Mosbach et al.>)',
        holds: null,
        evidence: '2 of 5 BERTAdam seeds failed vs 0 of 5 AdamW seeds; too few seeds to be sure.',
      },
      {
        claim: 'A pretrained encoder beats a random one',
        holds: true,
        id: 'transfer',
        effect: 0.123,
        p: 0.003,
        seeds: 5,
        evidence: 'Pretrained beat random in every strategy and size.',
      },
    ],
  };
}

/** Similar-task test accuracy of each pretrained cell at 64 / 512 training questions; random init is lower. */
const CHOICE_BASE: Record<string, readonly [number, number]> = {
  full: [0.78, 0.9],
  'head-only': [0.7, 0.74],
  'freeze-bottom': [0.76, 0.88],
  'gradual-unfreezing': [0.79, 0.895],
  likelihood: [0.86, 0.92],
};
/** Per-seed offsets: multiples of 1 / 400 test questions, mean 0, so a cell's mean is its base. */
const SEED_OFFSET = [-0.02, 0.005, 0.015] as const;

/** The acceptability task: 5 strategies × 2 inits × 2 sizes × 3 seeds. */
function similarTask(): SimilarTaskSection {
  const sizes = [64, 512];
  const runs: ChoiceRun[] = [];
  CHOICE_STRATEGIES.forEach((strategy, si) => {
    for (const init of INITS) {
      sizes.forEach((trainSize, k) => {
        SEED_OFFSET.forEach((offset, seed) => {
          const base = CHOICE_BASE[strategy]![k]!;
          // Random init learns word order from scratch: near chance with little data, part way with more.
          const accuracy =
            (init === 'random' ? 0.5 + (base - 0.5) * (k === 0 ? 0.25 : 0.5) : base) + offset;
          runs.push({
            strategy,
            init,
            trainSize,
            seed,
            accuracy,
            lossCurve: curve(12, 10, 0.69, 0.69 - (accuracy - 0.5), 30 + si * 10),
            seconds: 2 + si + k,
          });
        });
      });
    }
  });
  return {
    description:
      'Which of two sentences is the real one? The other holds the same words with two neighbours swapped ' +
      'or a short span shuffled. Built from held-out documents of the pre-training sources.',
    trainSizes: sizes,
    testSize: 400,
    chance: 0.5,
    zeroShot: { pretrained: 0.8125, random: 0.5025 },
    wordPairBaseline: [
      { trainSize: 64, accuracy: 0.6 },
      { trainSize: 512, accuracy: 0.68 },
    ],
    runs,
    examples: [
      { real: 'The cat sat on the mat.', corrupted: 'The cat sat the on mat.' },
      { real: 'She said "yes" & <left>.', corrupted: 'She "yes" said & <left>.' },
      { real: 'Prices rose sharply in May.', corrupted: 'Prices sharply rose in May.' },
      { real: 'We will meet at noon.', corrupted: 'We meet will at noon.' },
      { real: 'It rained all day long.', corrupted: 'It all rained day long.' },
      {
        real: 'A sixth example the report leaves out.',
        corrupted: 'A example sixth the report leaves out.',
      },
    ],
  };
}

const average = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The four situations, their scores the pretrained cells' mean accuracy: the similar task, then spam. */
function situations(similar: SimilarTaskSection, spam: readonly FinetuneRun[]): Situation[] {
  const cell = (
    key: Pick<Situation, 'similarity' | 'size' | 'trainSize' | 'task' | 'lectureStrategy'>,
    runs: readonly { strategy: string; init: string; trainSize: number; accuracy: number }[],
  ): Situation => {
    const scores: Record<string, number> = {};
    for (const r of runs) {
      if (r.init !== 'pretrained' || r.trainSize !== key.trainSize || r.strategy in scores)
        continue;
      scores[r.strategy] = average(
        runs
          .filter(
            (q) => q.strategy === r.strategy && q.init === r.init && q.trainSize === r.trainSize,
          )
          .map((q) => q.accuracy),
      );
    }
    const measuredBest = Object.entries(scores).reduce((b, e) => (e[1] > b[1] ? e : b))[0];
    return { ...key, measuredBest, scores };
  };
  return [
    cell(
      {
        similarity: 'similar',
        size: 'small',
        trainSize: 64,
        task: 'acceptability',
        lectureStrategy: 'head-only',
      },
      similar.runs,
    ),
    cell(
      {
        similarity: 'similar',
        size: 'large',
        trainSize: 512,
        task: 'acceptability',
        lectureStrategy: 'full',
      },
      similar.runs,
    ),
    cell(
      {
        similarity: 'dissimilar',
        size: 'small',
        trainSize: 50,
        task: 'spam <SMS>',
        lectureStrategy: 'freeze-bottom',
      },
      spam,
    ),
    cell(
      {
        similarity: 'dissimilar',
        size: 'large',
        trainSize: 400,
        task: 'spam <SMS>',
        lectureStrategy: 'full',
      },
      spam,
    ),
  ];
}

/** An exponential decay from `start` to `end` with time constant `tau`, sampled every `every` steps. */
function curve(n: number, every: number, start: number, end: number, tau: number): CurvePoint[] {
  return Array.from({ length: n }, (_, i) => ({
    step: i * every,
    loss: end + (start - end) * Math.exp((-i * every) / tau) + 0.02 * Math.sin(i * 1.7),
  }));
}

function recipe(name: string, accuracies: number[], baseline: number): InstabilityRecipe {
  const n = accuracies.length;
  const mean = accuracies.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(accuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return {
    recipe: name,
    accuracies,
    mean,
    std,
    min: Math.min(...accuracies),
    max: Math.max(...accuracies),
    failed: accuracies.filter((a) => a <= baseline).length,
  };
}
