import { booleanOption, invalidInput, invalidOption, optionsObject } from './argument-checks';
import { InferenceError } from './errors';
import { shiftedExp, softmax } from './math';

/** How the next token is picked from the logits. */
export interface SamplingOptions {
  /** Sample from the distribution; `false` takes the most likely token (greedy). @defaultValue `false` */
  readonly doSample?: boolean;
  /** Divides the logits before sampling; below 1 sharpens, above 1 flattens. @defaultValue `1` */
  readonly temperature?: number;
  /** Keep only the k most likely tokens; 0 keeps all. @defaultValue `0` */
  readonly topK?: number;
  /** Keep the smallest set of most likely tokens whose probability reaches p (nucleus sampling). @defaultValue `1` */
  readonly topP?: number;
  /**
   * Penalise tokens already in the prompt or output: a positive logit is divided by it, a negative one multiplied
   * (CTRL, Keskar et al. 2019, as Hugging Face implements it). @defaultValue `1` (off)
   */
  readonly repetitionPenalty?: number;
}

/** Checks sampling options, naming the bad one. @throws {InferenceError} `INVALID_OPTION` */
export function checkSamplingOptions(options: SamplingOptions, task: string): void {
  const o = optionsObject(options, task);
  booleanOption(task, 'doSample', o.doSample);
  const { temperature = 1, topK = 0, topP = 1, repetitionPenalty = 1 } = o;
  const bad = (name: string, rule: string, v: unknown): never => {
    throw invalidOption(task, name, rule, v);
  };
  // typeof first: comparisons would coerce strings ('0.5' > 0) and throw on symbols.
  const positive = (v: unknown): boolean => typeof v === 'number' && v > 0 && Number.isFinite(v);
  if (!positive(temperature)) bad('temperature', 'a positive number', temperature);
  if (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 0)
    bad('topK', 'a non-negative integer', topK);
  if (typeof topP !== 'number' || !(topP > 0 && topP <= 1)) bad('topP', 'in (0, 1]', topP);
  if (!positive(repetitionPenalty))
    bad('repetitionPenalty', 'a positive number', repetitionPenalty);
}

/** Logits: an array or typed array of numbers, none of them NaN (−Infinity marks a token already filtered). */
function checkScores(
  values: unknown,
  what: string,
  task: string,
): asserts values is ArrayLike<number> {
  const isNumberArray =
    Array.isArray(values) || values instanceof Float64Array || values instanceof Float32Array;
  if (!isNumberArray)
    throw invalidInput(task, what, 'an array or Float32Array / Float64Array', values);
  const list = values as ArrayLike<unknown>;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number' || Number.isNaN(v))
      throw invalidInput(task, `${what}[${i}]`, 'a number (not NaN)', v);
  }
}

/** The ids seen so far, as integers (a non-integer key of the scores array would not be a token). */
function seenIds(seen: unknown, task: string): number[] {
  const iterable = seen as Iterable<unknown> | null;
  if (
    typeof iterable !== 'object' ||
    iterable === null ||
    typeof iterable[Symbol.iterator] !== 'function'
  )
    throw invalidInput(task, 'seen', 'an iterable of token ids', seen);
  const ids: number[] = [];
  for (const id of iterable) {
    if (typeof id !== 'number' || !Number.isSafeInteger(id))
      throw invalidInput(task, 'seen', 'token ids (integers)', id);
    ids.push(id);
  }
  return ids;
}

/**
 * Applies, in Hugging Face's order, repetition penalty, temperature, top-k and top-p to one row of logits and returns
 * the processed scores (filtered tokens are −Infinity). `seen` holds the ids of prompt and output so far.
 * @throws {InferenceError} `INVALID_INPUT` for logits with a NaN or that are not numbers, or `seen` that is not an
 *   iterable of integer ids; `INVALID_OPTION` for a bad sampling option.
 * @see https://huggingface.co/docs/transformers/internal/generation_utils#logitsprocessor
 */
export function processLogits(
  logits: ArrayLike<number>,
  seen: Iterable<number>,
  options: SamplingOptions = {},
): Float64Array {
  checkScores(logits, 'logits', 'processLogits');
  const seenList = seenIds(seen, 'processLogits');
  checkSamplingOptions(options, 'processLogits');
  const scores = Float64Array.from({ length: logits.length }, (_, i) => logits[i] as number);
  const penalty = options.repetitionPenalty ?? 1;
  if (penalty !== 1) {
    for (const id of new Set(seenList)) {
      const s = scores[id];
      if (s !== undefined) scores[id] = s < 0 ? s * penalty : s / penalty;
    }
  }
  if (!options.doSample) return scores;
  const temperature = options.temperature ?? 1;
  if (temperature !== 1)
    for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] as number) / temperature;
  const topK = options.topK ?? 0;
  const topP = options.topP ?? 1;
  if ((topK > 0 && topK < scores.length) || topP < 1) {
    const order = Array.from(scores.keys()).sort(
      (a, b) => (scores[b] as number) - (scores[a] as number),
    );
    let keep = topK > 0 ? Math.min(topK, order.length) : order.length;
    if (topP < 1) {
      // Softmax over the tokens top-k kept, then keep tokens while the mass before them is below p (at least one).
      const probabilities = softmax(
        Float64Array.from({ length: keep }, (_, r) => scores[order[r] as number] as number),
      );
      let cumulative = 0;
      let r = 0;
      while (r < keep && (r === 0 || cumulative < topP)) {
        cumulative += probabilities[r] as number;
        r++;
      }
      keep = r;
    }
    for (let r = keep; r < order.length; r++) scores[order[r] as number] = -Infinity;
  }
  return scores;
}

/**
 * Picks a token from processed scores: the argmax (lowest id on ties) or, with `doSample`, a draw from their softmax.
 * @throws {InferenceError} `EMPTY_INPUT` for scores that are empty or all −Infinity (no token to pick);
 *   `INVALID_INPUT` for scores that hold a NaN, a `doSample` that is not a boolean, or a `random` that is not a
 *   function returning numbers in [0, 1).
 */
export function pickToken(scores: Float64Array, doSample: boolean, random: () => number): number {
  const task = 'pickToken';
  checkScores(scores, 'scores', task);
  if (typeof doSample !== 'boolean')
    throw invalidInput(task, 'doSample', 'true or false', doSample);
  if (typeof random !== 'function') throw invalidInput(task, 'random', 'a function', random);
  let best = 0;
  for (let i = 1; i < scores.length; i++)
    if ((scores[i] as number) > (scores[best] as number)) best = i;
  // Every token filtered (or none at all): there is nothing to pick, and id 0 would be a made-up answer.
  if (scores.length === 0 || scores[best] === -Infinity)
    throw new InferenceError(
      'EMPTY_INPUT',
      `${task}: no score above -Infinity, so no token to pick`,
    );
  if (!doSample) return best;
  // Draw from softmax's numerators scaled by their sum rather than from normalised probabilities: one division
  // fewer per token. +Infinity scores leave only those tokens (the softmax limit); exp(Infinity - Infinity) is NaN.
  const weights =
    scores[best] === Infinity
      ? Float64Array.from(scores, (v) => (v === Infinity ? 1 : 0))
      : shiftedExp(scores, 0, scores.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i] as number;
  const r: unknown = random();
  if (typeof r !== 'number' || !(r >= 0 && r < 1))
    throw invalidInput(task, 'random()', 'a number in [0, 1)', r);
  let u = r * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return i;
  }
  return best;
}
