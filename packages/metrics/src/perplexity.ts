import { MetricsError } from './errors';
import { checkOptionsObject, quoteValue } from './input-checks';
import { isArray } from './labels';
import { pairwiseSum } from './numpy-sum';
import type { WarningOptions } from './types';
import { createWarner, type Warn } from './warnings';

/** One sequence of per-token values, or a corpus of sequences. */
export type TokenValues = readonly number[] | readonly (readonly number[])[];

export interface PerplexityOptions extends WarningOptions {
  /**
   * What the values are: log-probabilities of the observed tokens (≤ 0), negative log-likelihoods (≥ 0)
   * or probabilities in [0, 1]. @defaultValue 'logprobs'
   */
  from?: 'logprobs' | 'nll' | 'probs';
  /** Base of the logarithms in `values` and of `meanNll` (`'probs'` are converted to it): `'e'`, 2, 10… @defaultValue 'e' */
  base?: 'e' | number;
  /**
   * Which positions count, same shape as `values`: `false`/`0` drops a token (padding, prompt tokens, the
   * positions a loss would mark −100). @defaultValue every position counts
   */
  mask?: readonly (boolean | number)[] | readonly (readonly (boolean | number)[])[];
}

export interface PerplexityResult {
  /** base^(mean NLL) = P(w1…wN)^(−1/N): the N-th root of the inverse probability, for any N. */
  perplexity: number;
  /** Mean negative log-likelihood per counted token, in the units of `base`. */
  meanNll: number;
  /** Number of counted tokens. */
  numTokens: number;
  /** Perplexity of each sequence (NaN for a sequence with no counted token); only for nested input. */
  perSequence?: number[];
}

function nllOf(
  fn: string,
  v: unknown,
  from: 'logprobs' | 'nll' | 'probs',
  where: string,
  base: 'e' | number,
  warn: Warn,
): number {
  if (typeof v !== 'number' || Number.isNaN(v)) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: ${where} is ${String(v)}; expected a number (${from})`,
    );
  }
  if (from === 'logprobs') {
    // −Infinity is a zero probability (perplexity ∞); +Infinity is no log-probability at all.
    if (v === Infinity)
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: ${where} is Infinity; a log-probability is at most 0`,
      );
    return -v;
  }
  if (from === 'nll') {
    if (v === -Infinity)
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: ${where} is -Infinity; a negative log-likelihood is at least 0`,
      );
    return v;
  }
  if (v < 0 || v > 1) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: ${where} is ${v}; a probability lies in [0, 1]`,
    );
  }
  if (v === 0) warn('RuntimeWarning', 'divide by zero encountered in log');
  return base === 'e' ? -Math.log(v) : -Math.log(v) / Math.log(base);
}

function power(base: 'e' | number, x: number, warn: Warn): number {
  const r = base === 'e' ? Math.exp(x) : base ** x;
  if (Number.isFinite(x) && !Number.isFinite(r)) {
    warn(
      'RuntimeWarning',
      base === 'e' ? 'overflow encountered in exp' : 'overflow encountered in scalar power',
    );
  }
  return r;
}

/** The mean NLL of `where`; numpy's mean of nothing is NaN with a RuntimeWarning, so we throw instead. */
function mean(values: number[], where: string): number {
  if (values.length === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `perplexity: ${where} has no tokens (or mask leaves none), so its mean NLL is 0/0; pass at least one token`,
    );
  }
  return pairwiseSum(values) / values.length;
}

/**
 * Perplexity from per-token log-probabilities (or NLLs, or probabilities): base^(total NLL / total tokens).
 * A corpus (nested input) pools all tokens, so long sequences weigh more, and also reports each sequence.
 * The lecture's cube root is the N = 3 case of the N-th root P(w1…wN)^(−1/N) used here.
 * Matches numpy's `exp(mean(-logprobs))` (or `base ** mean`), including its inf results and warnings; where
 * numpy's mean of no tokens is NaN, we throw.
 * @throws {MetricsError} `EMPTY_INPUT` when `values` (or one sequence of it) has no unmasked token;
 *   `INVALID_OPTION` when `options` is not an object; `INVALID_INPUT` for NaN, a log-probability of +Infinity, an NLL of −Infinity or a
 *   probability outside [0, 1]; `INVALID_OPTION` for a base that is not positive and ≠ 1; `LENGTH_MISMATCH`
 *   when `mask` does not have the shape of `values`.
 * @example perplexity([Math.log(0.1), Math.log(0.2), Math.log(0.4)]).perplexity // 5 (= (0.1·0.2·0.4)^(−1/3))
 * @see https://huggingface.co/docs/transformers/perplexity
 */
export function perplexity(values: TokenValues, options: PerplexityOptions = {}): PerplexityResult {
  const fn = 'perplexity';
  checkOptionsObject(fn, options);
  const warn = createWarner(options.onWarning);
  const { from = 'logprobs', mask } = options;
  if (from !== 'logprobs' && from !== 'nll' && from !== 'probs') {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: from is ${quoteValue(from)}; use 'logprobs', 'nll' or 'probs'`,
    );
  }
  const base = options.base ?? 'e';
  if (
    base !== 'e' &&
    (typeof base !== 'number' || !(base > 0) || base === 1 || !Number.isFinite(base))
  ) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: base is ${String(base)}; use 'e' or a finite number > 0 other than 1`,
    );
  }
  if (!isArray(values)) throw new MetricsError('INVALID_INPUT', `${fn}: values must be an array`);
  const nested = values.length > 0 && values.every((v) => isArray(v));
  if (!nested && values.some((v) => isArray(v))) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: values mixes numbers and arrays; pass one sequence or a list of sequences`,
    );
  }
  const seqs = (nested ? values : [values]) as readonly (readonly number[])[];
  const masks =
    mask === undefined
      ? undefined
      : ((nested ? mask : [mask]) as readonly (readonly (boolean | number)[])[]);
  if (masks && masks.length !== seqs.length) {
    throw new MetricsError(
      'LENGTH_MISMATCH',
      `${fn}: mask has ${masks.length} sequences but values has ${seqs.length}`,
    );
  }
  const all: number[] = [];
  const perSequence: number[] = [];
  seqs.forEach((seq, s) => {
    const m = masks?.[s];
    if (m && (!isArray(m) || m.length !== seq.length)) {
      throw new MetricsError(
        'LENGTH_MISMATCH',
        `${fn}: mask${nested ? `[${s}]` : ''} must have ${seq.length} entries like values${nested ? `[${s}]` : ''}`,
      );
    }
    const nlls: number[] = [];
    seq.forEach((v, i) => {
      if (m && !m[i]) return;
      nlls.push(nllOf(fn, v, from, nested ? `values[${s}][${i}]` : `values[${i}]`, base, warn));
    });
    if (nested) perSequence.push(power(base, mean(nlls, `values[${s}]`), warn));
    for (const x of nlls) all.push(x);
  });
  const meanNll = mean(all, 'values');
  const result: PerplexityResult = {
    perplexity: power(base, meanNll, warn),
    meanNll,
    numTokens: all.length,
  };
  if (nested) result.perSequence = perSequence;
  return result;
}
