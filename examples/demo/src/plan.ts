import type { Strategy, TinyModelConfig } from '@nlpft/training';
import type { ContinuedPretrainingPlan } from './continued-pretraining-stage';

/** Everything that differs between the full demo and `--quick`. */
export interface DemoPlan {
  mode: 'full' | 'quick' | 'smoke';
  /** Characters of pre-training text (SOTU + Moby-Dick, half each). */
  corpusChars: number;
  vocabSize: number;
  /** Size of both language models (pre-training runs without dropout: at this budget it only slows learning). */
  model: TinyModelConfig;
  /** Peak learning rates of the two objectives. */
  mlmLearningRate: number;
  clmLearningRate: number;
  mlmSteps: number;
  clmSteps: number;
  pretrainBatch: number;
  /** Fine-tuning training-set sizes: the lecture's small-data and larger-data situations. */
  trainSizes: number[];
  /** Test mails per ham group (spam: twice as many). */
  testPerGroup: number;
  strategies: Strategy[];
  seeds: number[];
  /** Epochs per training size (small sets need more passes for the same number of steps). */
  epochs: (size: number) => number;
  batchSize: number;
  /** Peak learning rate per strategy (a frozen encoder tolerates a larger one for its head). */
  learningRate: (strategy: Strategy) => number;
  /** The similar (acceptability) task: training sizes (questions), test questions, epochs per size. */
  similarSizes: number[];
  similarTestSize: number;
  similarEpochs: (size: number) => number;
  /** Seeds of the similar task (its transfer test pairs runs by seed). */
  similarSeeds: number[];
  /** Peak learning rate of likelihood fine-tuning (every weight of the pre-trained LM moves: keep it small). */
  likelihoodLearningRate: number;
  /** Seeds of the BERTAdam vs AdamW comparison. */
  instabilitySeeds: number[];
  /** Next-token training of the pre-trained GPT-2 on unlabelled mails before fine-tuning (dissimilar task). */
  continuedPretraining: ContinuedPretrainingPlan;
  /** Multiple-choice questions and generations scored for GPT-2. */
  choiceQuestions: number;
  generations: number;
}

const model: TinyModelConfig = {
  hidden: 64,
  layers: 2,
  heads: 4,
  intermediate: 256,
  blockSize: 32,
  dropout: 0,
};

const shared = {
  model,
  mlmLearningRate: 2e-3,
  clmLearningRate: 5e-3,
  pretrainBatch: 32,
  testPerGroup: 100,
  strategies: ['full', 'head-only', 'freeze-bottom', 'gradual-unfreezing'] as Strategy[],
  batchSize: 16,
  learningRate: (s: Strategy) => (s === 'head-only' ? 3e-3 : 1e-3),
  likelihoodLearningRate: 3e-4,
  similarEpochs: (n: number) => (n <= 50 ? 10 : 3),
};

/** About 10 minutes on 2 cores. */
export const FULL_PLAN: DemoPlan = {
  ...shared,
  mode: 'full',
  corpusChars: 4_000_000,
  vocabSize: 1000,
  mlmSteps: 1500,
  clmSteps: 3000,
  trainSizes: [40, 400],
  similarSizes: [50, 500],
  similarTestSize: 300,
  similarSeeds: [1, 2, 3, 4, 5],
  seeds: [1, 2, 3, 4, 5],
  epochs: (n) => (n <= 40 ? 25 : 4),
  instabilitySeeds: [1, 2, 3, 4, 5],
  // A fifth of the pre-training steps at a fifth of its peak rate: adapt, do not start over.
  continuedPretraining: { steps: 600, learningRate: 1e-3, batchSize: 32 },
  choiceQuestions: 200,
  generations: 40,
};

/** Under 2 minutes: CI checks the report's structure and that pre-training helps on the small set. */
export const QUICK_PLAN: DemoPlan = {
  ...shared,
  mode: 'quick',
  corpusChars: 600_000,
  vocabSize: 1000,
  mlmSteps: 200,
  clmSteps: 400,
  trainSizes: [40],
  similarSizes: [50],
  similarTestSize: 100,
  similarSeeds: [1, 2, 3],
  testPerGroup: 50,
  seeds: [1, 2],
  epochs: () => 20,
  instabilitySeeds: [1, 2],
  continuedPretraining: { steps: 100, learningRate: 1e-3, batchSize: 32 },
  choiceQuestions: 50,
  generations: 8,
};

/** The smallest run that exercises every stage: used by the demo's own tests (interrupt/resume, browser check). */
export const SMOKE_PLAN: DemoPlan = {
  ...QUICK_PLAN,
  mode: 'smoke',
  corpusChars: 400_000,
  vocabSize: 500,
  mlmSteps: 60,
  clmSteps: 60,
  testPerGroup: 20,
  similarSizes: [8],
  similarTestSize: 12,
  similarSeeds: [1],
  strategies: ['full', 'head-only', 'freeze-bottom', 'gradual-unfreezing'],
  seeds: [1],
  epochs: () => 4,
  instabilitySeeds: [1, 2],
  continuedPretraining: { steps: 10, learningRate: 1e-3, batchSize: 16 },
  choiceQuestions: 10,
  generations: 3,
};
