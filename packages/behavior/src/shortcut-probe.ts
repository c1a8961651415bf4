import { checkFunction, checkObject, checkString, checkStrings } from './argument-checks';
import { checkLabelled } from './check-labelled';
import { createRng } from './create-rng';
import { BehaviorError } from './errors';
import { predictAll } from './predict-all';
import { randomOtherSpans } from './random-other-spans';
import { rate } from './rate';
import { removeSpans } from './remove-spans';
import { sliceAccuracy } from './slice-accuracy';
import { tokenSlices } from './token-slices';
import type { LabelledText, PredictFn, Prediction, SliceAccuracy, Tokenize } from './types';
import { wordTokens } from './word-tokens';

/** Options of `shortcutProbe`. */
export interface ShortcutProbeOptions {
  /** The suspected shortcut tokens, in the tokenizer's normalised form (e.g. from `predictiveTokens`). */
  tokens: readonly string[];
  /** Splits texts into tokens. @defaultValue `wordTokens` (lower-cased words) */
  tokenize?: Tokenize;
  /** Replaces each shortcut token; when undefined the token is deleted. @defaultValue undefined */
  mask?: string;
  /** Least number of test texts containing a shortcut token for a verdict of reliance. @defaultValue 5 */
  minAffected?: number;
  /** Least share of those texts whose label flips for a verdict of reliance. @defaultValue 0.2 */
  minFlipRate?: number;
  /** Texts per `predict` call. @defaultValue 32 */
  batchSize?: number;
  /** Flips kept as examples. @defaultValue 5 */
  maxExamples?: number;
  /** Seeds the control edit, which removes as many random other tokens from each affected text. @defaultValue 0 */
  seed?: number;
}

/** A test text whose predicted label changed when its shortcut tokens were removed. */
export interface ShortcutFlip {
  original: string;
  edited: string;
  label: number;
  before: Prediction;
  after: Prediction;
}

/** The outcome of `shortcutProbe`. */
export interface ShortcutProbeResult {
  tokens: string[];
  /** The mask used, or `null` when tokens were deleted. */
  mask: string | null;
  /** Test texts. */
  n: number;
  /** Test texts containing at least one shortcut token (the only ones the edit changes). */
  affected: number;
  /** Accuracy on all test texts before and after the edit (`null` without texts). */
  accuracyBefore: number | null;
  accuracyAfter: number | null;
  /** Affected texts whose predicted label changed. */
  flips: number;
  /** `flips / affected`, or `null` when no text is affected. */
  flipRate: number | null;
  /**
   * The control: each affected text with as many random non-shortcut tokens removed (or masked) instead. A model
   * that changes its mind whenever any words go flips here too; `n` counts the affected texts with enough other
   * tokens to draw from.
   */
  baseline: { n: number; flips: number; flipRate: number | null };
  /** Accuracy on the texts with the tokens, without them, and on the former after the edit. */
  slices: {
    withTokens: SliceAccuracy;
    withoutTokens: SliceAccuracy;
    withTokensRemoved: SliceAccuracy;
  };
  verdict: {
    /**
     * `affected ≥ minAffected`, `flipRate ≥ minFlipRate`, and `flipRate` exceeds the control's flip rate by at
     * least `minFlipRate` (removing the suspects matters more than removing as many other tokens).
     */
    reliesOnShortcut: boolean;
    minAffected: number;
    minFlipRate: number;
    /** One sentence with the numbers behind the verdict. */
    reason: string;
  };
  /** Up to `maxExamples` flips, in test order. */
  examples: ShortcutFlip[];
}

function checkOptions(options: ShortcutProbeOptions) {
  checkObject('shortcutProbe: options', options);
  checkStrings('shortcutProbe: tokens', options.tokens);
  if (options.mask !== undefined) checkString('shortcutProbe: mask', options.mask);
  const { minAffected = 5, minFlipRate = 0.2, batchSize = 32, maxExamples = 5, seed = 0 } = options;
  const fail = (what: string): never => {
    throw new BehaviorError('INVALID_OPTION', `shortcutProbe: ${what}`);
  };
  if (options.tokens.length === 0) fail('tokens is empty; pass the suspected shortcut tokens');
  if (!Number.isInteger(minAffected) || minAffected < 1) {
    fail(`minAffected must be a positive integer, got ${minAffected}`);
  }
  if (!(minFlipRate >= 0 && minFlipRate <= 1)) {
    fail(`minFlipRate must be in [0, 1], got ${minFlipRate}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    fail(`batchSize must be a positive integer, got ${batchSize}`);
  }
  if (!Number.isInteger(maxExamples) || maxExamples < 0) {
    fail(`maxExamples must be a non-negative integer, got ${maxExamples}`);
  }
  if (!Number.isInteger(seed)) fail(`seed must be an integer, got ${seed}`);
  return { minAffected, minFlipRate, batchSize, maxExamples, seed };
}

/**
 * Counterfactual shortcut check: deletes (or masks) every occurrence of the shortcut `tokens` in each test text,
 * predicts again and reports how often the label flips, accuracy before and after, and accuracy on the texts
 * with and without the tokens. A model that reads the content should rarely change its mind when a few
 * suspicious tokens go; one that learned the shortcut does. The verdict `reliesOnShortcut` is true when at least
 * `minAffected` texts contain a token and at least `minFlipRate` of them flip.
 * @throws {BehaviorError} `INVALID_OPTION` for no tokens, a bad option or label; `PREDICT_FAILED`,
 * `PREDICTION_COUNT_MISMATCH`, `INVALID_PREDICTION` when `predict` misbehaves.
 * @example const result = await shortcutProbe(test, predict, { tokens: ['zqx'] }); result.verdict.reliesOnShortcut
 */
export async function shortcutProbe(
  test: readonly LabelledText[],
  predict: PredictFn,
  options: ShortcutProbeOptions,
): Promise<ShortcutProbeResult> {
  const { minAffected, minFlipRate, batchSize, maxExamples, seed } = checkOptions(options);
  checkLabelled(test, 'shortcutProbe: test');
  checkFunction('shortcutProbe: predict', predict);
  const { tokenize = wordTokens, mask } = options;
  const wanted = new Set(options.tokens);
  const tokens = test.map(({ text }) => tokenize(text));
  const spans = tokens.map((ts) => ts.filter((t) => wanted.has(t.token)));
  const edited = test.map(({ text }, i) =>
    spans[i]!.length === 0 ? text : removeSpans(text, spans[i]!, mask),
  );
  const rng = createRng(seed);
  const control = test.map(({ text }, i) => {
    if (spans[i]!.length === 0) return undefined;
    const others = randomOtherSpans(tokens[i]!, wanted, spans[i]!.length, rng);
    return others === undefined ? undefined : removeSpans(text, others, mask);
  });
  const predicted = await predictAll(
    [...test.map((e) => e.text), ...edited, ...control.filter((t): t is string => t !== undefined)],
    predict,
    batchSize,
    'shortcutProbe',
  );
  const before = test.map((e) => predicted.get(e.text)!);
  const after = edited.map((t) => predicted.get(t)!);
  const hit = test.map((_, i) => i).filter((i) => spans[i]!.length > 0);

  const [withSlice, withoutSlice] = tokenSlices(options.tokens, { tokenize });
  const [withTokens, withoutTokens] = sliceAccuracy(test, before, [withSlice, withoutSlice]);
  // The edited texts no longer hold the tokens, so the affected subset is taken by index, not by a slice.
  const [withTokensRemoved] = sliceAccuracy(
    hit.map((i) => ({ text: edited[i]!, label: test[i]!.label })),
    hit.map((i) => after[i]!),
    [{ name: `${withSlice.name}, removed`, includes: () => true }],
  );

  const flipped = hit.filter((i) => before[i]!.label !== after[i]!.label);
  const examples = flipped.slice(0, maxExamples).map((i) => ({
    original: test[i]!.text,
    edited: edited[i]!,
    label: test[i]!.label,
    before: before[i]!,
    after: after[i]!,
  }));
  const flips = flipped.length;
  const affected = hit.length;
  const flipRate = rate(flips, affected);
  const controlled = hit.filter((i) => control[i] !== undefined);
  const controlFlips = controlled.filter(
    (i) => predicted.get(control[i]!)!.label !== before[i]!.label,
  ).length;
  const baseline = {
    n: controlled.length,
    flips: controlFlips,
    flipRate: rate(controlFlips, controlled.length),
  };
  const excess = flipRate === null ? null : flipRate - (baseline.flipRate ?? 0);
  const reliesOnShortcut =
    affected >= minAffected &&
    flipRate !== null &&
    flipRate >= minFlipRate &&
    excess !== null &&
    excess >= minFlipRate;
  const correct = (ps: readonly Prediction[]) =>
    ps.filter((p, i) => p.label === test[i]!.label).length;
  return {
    tokens: [...options.tokens],
    mask: mask ?? null,
    n: test.length,
    affected,
    accuracyBefore: rate(correct(before), test.length),
    accuracyAfter: rate(correct(after), test.length),
    flips,
    flipRate,
    baseline,
    slices: {
      withTokens: withTokens!,
      withoutTokens: withoutTokens!,
      withTokensRemoved: withTokensRemoved!,
    },
    verdict: {
      reliesOnShortcut,
      minAffected,
      minFlipRate,
      reason: verdictReason(affected, flips, flipRate, baseline, minAffected, minFlipRate),
    },
    examples,
  };
}

function verdictReason(
  affected: number,
  flips: number,
  flipRate: number | null,
  baseline: ShortcutProbeResult['baseline'],
  minAffected: number,
  minFlipRate: number,
): string {
  if (affected < minAffected) {
    return `only ${affected} test texts contain a shortcut token (at least ${minAffected} needed for a verdict)`;
  }
  const percent = (r: number | null) => `${((r ?? 0) * 100).toFixed(1)}%`;
  const share = `${flips} of ${affected} texts (${percent(flipRate)})`;
  if (flipRate === null || flipRate < minFlipRate)
    return `${share} change label when the shortcut tokens are removed, under ${minFlipRate * 100}%`;
  if (flipRate - (baseline.flipRate ?? 0) < minFlipRate)
    return (
      `${share} change label when the shortcut tokens are removed, but ${baseline.flips} of ${baseline.n} ` +
      `(${percent(baseline.flipRate)}) do when as many random other tokens are removed: under ${minFlipRate * 100} points more`
    );
  return `${share} change label when the shortcut tokens are removed, at least ${minFlipRate * 100}%`;
}
