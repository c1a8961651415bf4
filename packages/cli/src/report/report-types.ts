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
  /** Calibration and accuracy under perturbations, on the same test split; absent in runs before it was measured. */
  robustness?: RunRobustness;
}

/**
 * One bin of a run's reliability diagram with the sums that pool over runs (`@nlpft/metrics` `reliabilityDiagram`
 * gives the means; `correct` and `confidenceSum` are its accuracy and confidence times `count`).
 */
export interface PooledReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  correct: number;
  confidenceSum: number;
}

/** What one fine-tuned model scored beyond clean accuracy: its calibration, and accuracy on perturbed test copies. */
export interface RunRobustness {
  /** Top-label expected calibration error on the clean test split (bins: {@link RobustnessSection.nBins}). */
  ece: number;
  reliability: PooledReliabilityBin[];
  /** Accuracy on the test split with each perturbation applied, by perturbation name. */
  perturbed: Record<string, number>;
}

/** A perturbation of the robustness study. */
export interface PerturbationInfo {
  name: string;
  /** What it does to a text, in a sentence. */
  description: string;
  /** Share of test items it changed, per task. */
  changed: { similar: number; dissimilar: number };
}

/** The robustness study in one situation: the best pre-trained strategy and its random-init twin, per seed. */
export interface RobustnessSituation extends SituationKey {
  trainSize: number;
  task: string;
  strategy: string;
  /** Chance (similar) or majority-class (dissimilar) accuracy. */
  baseline: number;
  runs: ({ init: Init; seed: number; accuracy: number } & RunRobustness)[];
}

/** Calibration and robustness to perturbed input, pre-trained vs random init (the second effect of pre-training). */
export interface RobustnessSection {
  /** Equal-width bins of the confidence axis behind every ECE and reliability diagram. */
  nBins: number;
  /** How the bins are cut and what is binned, in a sentence. */
  binning: string;
  perturbations: PerturbationInfo[];
  /** Share of test items whose token ids change when the text is upper-cased, per task (0: the tokenizer lowercases). */
  caseVisible: { similar: number; dissimilar: number };
  situations: RobustnessSituation[];
}

/** Continued pre-training on the dissimilar task's unlabelled mails before fine-tuning, vs fine-tuning at once. */
export interface ContinuedPretrainingSection {
  description: string;
  /** Unlabelled mails the language model read. */
  texts: number;
  steps: number;
  learningRate: number;
  seconds: number;
  cached: boolean;
  lossCurve: CurvePoint[];
  /** Perplexity on held-out mails before (the general pre-trained model) and after. */
  heldOutAtStart: HeldOutLm;
  heldOut: HeldOutLm;
  /** The strategy fine-tuned from the adapted model, per training size. */
  strategies: { trainSize: number; size: DataSize; strategy: string }[];
  /** Fine-tuning runs from the adapted model; their twins without it are in `finetuning` (init 'pretrained'). */
  runs: FinetuneRun[];
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

/** The lecture's two axes: how similar the task's text is to the pre-training text, and how much labelled data. */
export type Similarity = 'similar' | 'dissimilar';
export type DataSize = 'small' | 'large';
export interface SituationKey {
  similarity: Similarity;
  size: DataSize;
}

/** A claim of the lecture and whether this run supports it. */
export interface Finding {
  claim: string;
  /** true: supported; false: contradicted at this scale; null: inconclusive. */
  holds: boolean | null;
  evidence: string;
  /** Stable id in findings.json ('transfer' for pre-trained vs random init, one per situation). */
  id?: string;
  /** The data situation the claim is about; null or absent when it is about none. */
  situation?: SituationKey | null;
  /**
   * The measured difference the verdict is about (e.g. pre-trained minus random-init mean accuracy), in
   * accuracy units: 0.123 is shown as "+12.3 points".
   */
  effect?: number | null;
  /** p-value of the significance test behind the verdict (paired t-test over seeds where runs pair). */
  p?: number | null;
  /** Seeds (or pairs) the test used. */
  seeds?: number;
}

/** The similar task's strategies: the four new-head ones (GPT-1's linear head) and likelihood fine-tuning. */
export type ChoiceStrategy = Strategy | 'likelihood';

/** One run of the similar (acceptability) task: which of two sentences is the real one. */
export interface ChoiceRun {
  strategy: ChoiceStrategy;
  init: Init;
  trainSize: number;
  seed: number;
  accuracy: number;
  lossCurve: CurvePoint[];
  seconds: number;
  /** Calibration and accuracy under perturbations, on the same test questions. */
  robustness?: RunRobustness;
}

/** The task on the similar side of the lecture's map: built from held-out documents of the pre-training sources. */
export interface SimilarTaskSection {
  /** What the task is and how it was built, in a sentence or two. */
  description: string;
  trainSizes: number[];
  testSize: number;
  /** 1 / choices. */
  chance: number;
  /** Test accuracy of scoring each choice by the language model's log-likelihood, with no fine-tuning at all. */
  zeroShot: { pretrained: number; random: number };
  /** A word-pair (bigram) naive Bayes trained on the same training questions, per training size. */
  wordPairBaseline: { trainSize: number; accuracy: number }[];
  runs: ChoiceRun[];
  /** A few test questions for the reader: the real sentence and its corrupted twin. */
  examples: { real: string; corrupted: string }[];
}

/** One cell of the lecture's four-situation map with the strategy it recommends and the one that measured best. */
export interface Situation extends SituationKey {
  /** The training-set size behind 'small' / 'large' in this run. */
  trainSize: number;
  /** The task measured there. */
  task: string;
  lectureStrategy: string;
  measuredBest: string;
  /** Mean test accuracy of the pre-trained runs per strategy. */
  scores: Record<string, number>;
}

/** findings.json: the claims and the situation table, for machines. */
export interface FindingsFile {
  claims: {
    id: string;
    statement: string;
    situation: SituationKey | null;
    verdict: 'supported' | 'contradicted' | 'inconclusive';
    effect: number | null;
    p: number | null;
    seeds: number;
  }[];
  situations: {
    similarity: Similarity;
    size: DataSize;
    lectureStrategy: string;
    measuredBest: string;
    scores: Record<string, number>;
  }[];
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
  /** The acceptability task on the similar side of the map. */
  similar: SimilarTaskSection;
  /** The lecture's four situations (similar / dissimilar × small / large), filled with this run's numbers. */
  situations: Situation[];
  /** Calibration and perturbation robustness, pre-trained vs random init; absent in runs made before it existed. */
  robustness?: RobustnessSection;
  /** Continued pre-training on the target domain (dissimilar task); absent in runs made before it existed. */
  continuedPretraining?: ContinuedPretrainingSection;
  findings: Finding[];
}
