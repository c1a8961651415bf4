import type { CurvePoint, DemoResults, FinetuneRun, InstabilityRecipe } from './report-types';
import { STRATEGIES } from '@nlpft/training';
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
    findings: [
      {
        claim: 'Pre-training lowers held-out perplexity',
        holds: true,
        evidence: 'GPT-2 perplexity fell from 8103 to 81 on 500 held-out texts.',
      },
      {
        claim: 'Gradual unfreezing beats full fine-tuning with little data',
        holds: false,
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
        evidence: 'Pretrained beat random in every strategy and size.',
      },
    ],
  };
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
