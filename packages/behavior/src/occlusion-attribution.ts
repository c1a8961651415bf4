import { checkFunction, checkObject, checkString } from './argument-checks';
import { BehaviorError } from './errors';
import { predictAll } from './predict-all';
import { removeSpans } from './remove-spans';
import type { PredictFn, TokenSpan, Tokenize } from './types';
import { wordTokens } from './word-tokens';

/** Options of `occlusionAttribution`. */
export interface OcclusionOptions {
  /** The label whose probability is attributed. */
  label: number;
  /** Splits the text into tokens. @defaultValue `wordTokens` (lower-cased words) */
  tokenize?: Tokenize;
  /** Replaces the occluded token; when undefined the token is deleted. @defaultValue undefined */
  mask?: string;
  /** Texts per `predict` call. @defaultValue 32 */
  batchSize?: number;
}

/** One token's attribution, with its offsets so a UI can highlight it. */
export interface TokenAttribution extends TokenSpan {
  /** `P(label | text) − P(label | text without the token)`: positive when the token supports `label`. */
  attribution: number;
}

/** The outcome of `occlusionAttribution`. */
export interface OcclusionResult {
  text: string;
  label: number;
  /** P(label) on the whole text. */
  probability: number;
  tokens: TokenAttribution[];
}

/**
 * Occlusion attribution: for each token, how much the probability of `label` drops when that one token is
 * removed (or replaced by `mask`). Works over any `predict` that returns `probs`; it costs one prediction per
 * token plus one. Attributions of tokens do not add up to the prediction (tokens interact), and a token whose
 * removal raises P(label) gets a negative value.
 * @throws {BehaviorError} `INVALID_OPTION` for a bad `label` or `batchSize`; `MISSING_PROBABILITIES` when a
 * prediction has no `probs` or none for `label`; the `predict` errors of `runSuite`.
 * @example (await occlusionAttribution('a great film', predict, { label: 1 })).tokens[1] // { token: 'great', start: 2, end: 7, attribution: 0.4 }
 * @see https://arxiv.org/abs/1311.2901 (Zeiler & Fergus, occlusion sensitivity)
 */
export async function occlusionAttribution(
  text: string,
  predict: PredictFn,
  options: OcclusionOptions,
): Promise<OcclusionResult> {
  checkString('occlusionAttribution: text', text);
  checkFunction('occlusionAttribution: predict', predict);
  checkObject('occlusionAttribution: options', options);
  const { label, tokenize = wordTokens, mask, batchSize = 32 } = options;
  if (mask !== undefined) checkString('occlusionAttribution: mask', mask);
  if (!Number.isInteger(label) || label < 0) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `occlusionAttribution: label must be a non-negative integer, got ${label}`,
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `occlusionAttribution: batchSize must be a positive integer, got ${batchSize}`,
    );
  }
  const spans = tokenize(text);
  const variants = spans.map((span) => removeSpans(text, [span], mask));
  const predicted = await predictAll(
    [text, ...variants],
    predict,
    batchSize,
    'occlusionAttribution',
  );
  const probabilityOf = (t: string): number => {
    const p = predicted.get(t)!.probs?.[label];
    if (p === undefined) {
      throw new BehaviorError(
        'MISSING_PROBABILITIES',
        `occlusionAttribution: the prediction for ${JSON.stringify(t.slice(0, 60))} has no probability for label ${label}; return probs with one entry per label`,
      );
    }
    return p;
  };
  const probability = probabilityOf(text);
  return {
    text,
    label,
    probability,
    tokens: spans.map(({ token, start, end }, i) => ({
      token,
      start,
      end,
      attribution: probability - probabilityOf(variants[i]!),
    })),
  };
}
