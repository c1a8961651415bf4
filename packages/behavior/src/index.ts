// Shared types and the error class
export { BehaviorError, type BehaviorErrorCode } from './errors';
export type {
  BehaviorSuite,
  BehaviorTest,
  DirExpectation,
  DirTest,
  FailureExample,
  InvTest,
  LabelledText,
  MftTest,
  Perturbation,
  PredictFn,
  Prediction,
  Rng,
  RunSuiteOptions,
  Slice,
  SliceAccuracy,
  SuiteResult,
  TestResult,
  TokenSpan,
  Tokenize,
} from './types';
export { createRng } from './create-rng';

// Perturbations
export { perturb } from './perturb';
export { typoKeyboard } from './typo-keyboard';
export { typoSwap } from './typo-swap';
export { typoDrop } from './typo-drop';
export { changeCase, caseTo, type CaseMode } from './change-case';
export { punctuation } from './punctuation';
export { whitespace } from './whitespace';
export { contractions } from './contractions';
export { swapNumbers } from './swap-numbers';
export { lexiconSwap, swapNames, swapLocations } from './lexicon-swap';
export { lexicons } from './lexicons';
export { negate } from './negate';
export { addIrrelevantClause } from './add-irrelevant-clause';
export { homoglyphs, HOMOGLYPHS } from './homoglyphs';
export { zeroWidth, ZERO_WIDTH_CHARACTERS } from './zero-width';

// Test suites: building, running and reporting
export { fillTemplate, type FillTemplateOptions } from './fill-template';
export { mft, inv, dir } from './test-builders';
export { runSuite } from './run-suite';
export { PERTURBATIONS, parseSuite } from './parse-suite';
export { suiteResultJson, type SuiteResultDocument } from './suite-result-json';
export { suiteResultTable, type SuiteTableOptions } from './suite-result-table';
export { suiteResultHtml } from './suite-result-html';

// Slices, shortcut probes and attribution
export { wordTokens } from './word-tokens';
export {
  predictiveTokens,
  type PredictiveToken,
  type PredictiveTokensOptions,
} from './predictive-tokens';
export { sliceAccuracy } from './slice-accuracy';
export { lengthSlices } from './length-slices';
export { tokenSlices } from './token-slices';
export { patternSlices } from './pattern-slices';
export {
  shortcutProbe,
  type ShortcutFlip,
  type ShortcutProbeOptions,
  type ShortcutProbeResult,
} from './shortcut-probe';
export {
  occlusionAttribution,
  type OcclusionOptions,
  type OcclusionResult,
  type TokenAttribution,
} from './occlusion-attribution';
export { attributionHtml } from './attribution-html';
export { sliceAccuracyHtml } from './slice-accuracy-html';
export { shortcutProbeHtml } from './shortcut-probe-html';
