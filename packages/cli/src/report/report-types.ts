import type { ClassificationScores, Strategy } from '@nlpft/training';

/** One point of a training curve. */
export interface CurvePoint {
  step: number;
  loss: number;
}

/** Held-out language-modelling result: mean token cross-entropy (nats) and its exponent. */
export interface HeldOutLm {
  loss: number;
  perplexity: number;
  /** Tokens scored. */
  tokens: number;
}

/** One pre-trained model (tiny BERT with MLM, tiny GPT-2 with next-token prediction). */
export interface PretrainSection {
  /** 'bert-mlm' | 'gpt2-clm' */
  model: string;
  /** Human-readable description: layers, hidden size, vocabulary, parameters. */
  description: string;
  parameters: number;
  steps: number;
  seconds: number;
  /** true when the checkpoint came from the cache (no training this run). */
  cached: boolean;
  lossCurve: CurvePoint[];
  heldOutAtInit: HeldOutLm;
  heldOut: HeldOutLm;
}

export type Init = 'pretrained' | 'random';

/** One fine-tuning run (one seed of one cell). */
export interface FinetuneRun extends ClassificationScores {
  strategy: Strategy;
  init: Init;
  trainSize: number;
  seed: number;
  lossCurve: CurvePoint[];
  seconds: number;
}

/** Seed spread of one optimizer recipe (BERTAdam without bias correction vs AdamW + warmup). */
export interface InstabilityRecipe {
  recipe: string;
  accuracies: number[];
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Seeds no better than the majority class. */
  failed: number;
}

/** One generated continuation for qualitative review. */
export interface GenerationSample {
  prompt: string;
  generated: string;
  reference: string;
}

/** GPT-2 downstream checks. */
export interface GenerationSection {
  /** Multiple choice (which continuation follows the context), scored by the LM. */
  multipleChoice: { accuracy: number; n: number; choices: number; chance: number };
  bleu: { score: number; signature: string };
  rouge: { rouge1: number; rouge2: number; rougeL: number };
  samples: GenerationSample[];
}

/** A claim of the lecture and whether this run supports it. */
export interface Finding {
  claim: string;
  /** true: supported; false: contradicted at this scale; null: inconclusive. */
  holds: boolean | null;
  evidence: string;
}

/** Everything `pnpm demo` measured; `renderReport` turns it into demo-report/index.html. */
export interface DemoResults {
  meta: {
    /** 'smoke' is the tiny run the demo's own tests make. */
    mode: 'full' | 'quick' | 'smoke';
    createdAt: string;
    /** e.g. "2 cores, Intel Xeon …, 24 GB, Linux 6.1, Node 20.x" */
    machine: string;
    seconds: number;
  };
  data: {
    pretrainTexts: number;
    pretrainTokens: number;
    heldOutTexts: number;
    tokenizerVocabSize: number;
    spamTrainSizes: number[];
    spamTestSize: number;
    /** Share of the test split in the majority class. */
    majorityBaseline: number;
    /** What the 'pretrained' fine-tuning runs start from, e.g. "the pre-trained GPT-2 (GPT-1 style)". */
    finetuneModel?: string;
  };
  pretraining: PretrainSection[];
  finetuning: FinetuneRun[];
  instability: InstabilityRecipe[];
  generation: GenerationSection;
  findings: Finding[];
}
