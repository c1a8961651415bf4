/** A seeded source of uniform numbers in [0, 1), as `createRng(seed)` returns. */
export type Rng = () => number;

/**
 * A perturbation: a pure function of the text and the random draws it is given. Returns the perturbed text,
 * or `null` when it does not apply (no letter to misspell, no number to swap, …).
 */
export type Perturbation = (text: string, rng: Rng) => string | null;

/** One prediction of the classifier under test: a label index and, optionally, one probability per label. */
export interface Prediction {
  label: number;
  probs?: readonly number[];
}

/** The classifier under test: one prediction per text, in order, returned directly or as a promise. */
export type PredictFn = (
  texts: readonly string[],
) => readonly Prediction[] | Promise<readonly Prediction[]>;

/** A text with the label a correct classifier gives it. */
export interface LabelledText {
  text: string;
  label: number;
}

/** Fields every behavioural test has. */
interface TestBase {
  /** Unique within a suite; keys the seeds and the report rows. */
  name: string;
  /** The capability tested (CheckList's rows: vocabulary, robustness, negation, …), shown in reports. */
  capability?: string;
}

/** Minimum-functionality test: each example must get its expected label. */
export interface MftTest extends TestBase {
  kind: 'mft';
  examples: readonly LabelledText[];
}

/** Invariance test: the predicted label must not change under the perturbation. */
export interface InvTest extends TestBase {
  kind: 'inv';
  texts: readonly string[];
  perturbation: Perturbation;
  /** Perturbed variants per text; a text fails when any variant fails. @defaultValue 1 */
  samples?: number;
}

/** How a directional test says the prediction must move from the original to the perturbed text. */
export type DirExpectation =
  /** The perturbed text must get `label`. */
  | { type: 'label-is'; label: number }
  /** P(label) must rise by more than `margin` (default 0). */
  | { type: 'increase'; label: number; margin?: number }
  /** P(label) must fall by more than `margin` (default 0). */
  | { type: 'decrease'; label: number; margin?: number }
  /** P(label) must not fall by more than `tolerance` (default 0). */
  | { type: 'not-decrease'; label: number; tolerance?: number }
  /** P(label) must not rise by more than `tolerance` (default 0). */
  | { type: 'not-increase'; label: number; tolerance?: number };

/** Directional test: the prediction must move as `expectation` says under the perturbation. */
export interface DirTest extends TestBase {
  kind: 'dir';
  texts: readonly string[];
  perturbation: Perturbation;
  expectation: DirExpectation;
  /** Perturbed variants per text; a text fails when any variant fails. @defaultValue 1 */
  samples?: number;
}

/** Any behavioural test. */
export type BehaviorTest = MftTest | InvTest | DirTest;

/** A named list of tests, run together by `runSuite`. */
export interface BehaviorSuite {
  name: string;
  tests: readonly BehaviorTest[];
}

/** Options of `runSuite`. */
export interface RunSuiteOptions {
  /** Seeds every perturbation; the same seed gives the same perturbed texts. @defaultValue 0 */
  seed?: number;
  /** Texts per `predict` call. @defaultValue 32 */
  batchSize?: number;
  /** Failing examples kept per test. @defaultValue 3 */
  maxExamples?: number;
}

/** A failing case: the original text and its prediction, plus the perturbed one or the expected label. */
export interface FailureExample {
  original: string;
  originalPrediction: Prediction;
  /** MFT only: the label the example should have got. */
  expectedLabel?: number;
  /** INV and DIR: the first failing perturbed variant and its prediction. */
  perturbed?: string;
  perturbedPrediction?: Prediction;
}

/** The outcome of one test. */
export interface TestResult {
  name: string;
  kind: BehaviorTest['kind'];
  capability?: string;
  /** Cases tested: examples (MFT) or texts with at least one applicable perturbation (INV, DIR). */
  n: number;
  /** Texts the perturbation did not apply to (returned null or the text unchanged); not counted in `n`. */
  skipped: number;
  failures: number;
  /** `failures / n`, or `null` when `n` is 0 (nothing was tested). */
  failureRate: number | null;
  /** Up to `maxExamples` failing cases, in input order. */
  examples: FailureExample[];
}

/** The outcome of `runSuite`. */
export interface SuiteResult {
  name: string;
  seed: number;
  tests: TestResult[];
}

/** One token of a text: its normalised form (what is counted and matched) and where it sits in the text. */
export interface TokenSpan {
  /** The form tokens are compared by; the default tokenizer lower-cases. */
  token: string;
  /** UTF-16 offset of the first character in the original text. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
}

/** Splits a text into tokens with offsets, in text order and not overlapping. `wordTokens` is the default. */
export type Tokenize = (text: string) => readonly TokenSpan[];

/** A named subset of labelled examples, as `sliceAccuracy` scores it. */
export interface Slice {
  name: string;
  /** Whether the example belongs to the slice. */
  includes: (example: LabelledText) => boolean;
}

/** Accuracy on one slice. */
export interface SliceAccuracy {
  name: string;
  /** Examples in the slice. */
  n: number;
  correct: number;
  /** `correct / n`, or `null` when the slice is empty. */
  accuracy: number | null;
  /** `1 − accuracy`, or `null` when the slice is empty. */
  errorRate: number | null;
}
