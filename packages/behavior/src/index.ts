export { BehaviorError } from './errors';
export { createRng } from './create-rng';
export { perturb } from './perturb';
export { typoKeyboard } from './typo-keyboard';
export { typoSwap } from './typo-swap';
export { typoDrop } from './typo-drop';
export { changeCase, caseTo } from './change-case';
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
export { fillTemplate } from './fill-template';
export { mft, inv, dir } from './test-builders';
export { runSuite } from './run-suite';
export { PERTURBATIONS, parseSuite } from './parse-suite';
export { suiteResultJson } from './suite-result-json';
export { suiteResultTable } from './suite-result-table';
export { suiteResultHtml } from './suite-result-html';
export { wordTokens } from './word-tokens';
export { predictiveTokens } from './predictive-tokens';
export { sliceAccuracy } from './slice-accuracy';
export { lengthSlices } from './length-slices';
export { tokenSlices } from './token-slices';
export { patternSlices } from './pattern-slices';
export { shortcutProbe } from './shortcut-probe';
export { occlusionAttribution } from './occlusion-attribution';
export { attributionHtml } from './attribution-html';
export { sliceAccuracyHtml } from './slice-accuracy-html';
export { shortcutProbeHtml } from './shortcut-probe-html';
export type { BehaviorErrorCode } from './errors';
export type { CaseMode } from './change-case';
export type { FillTemplateOptions } from './fill-template';
export type { SuiteResultDocument } from './suite-result-json';
export type { SuiteTableOptions } from './suite-result-table';
export type { PredictiveToken, PredictiveTokensOptions } from './predictive-tokens';
export type { ShortcutFlip, ShortcutProbeOptions, ShortcutProbeResult } from './shortcut-probe';
export type { OcclusionOptions, OcclusionResult, TokenAttribution } from './occlusion-attribution';
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
