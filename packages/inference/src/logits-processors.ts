import { InferenceError } from './errors';

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

/**
 * A seeded pseudo-random generator (mulberry32) returning floats in [0, 1): the same seed gives the same samples.
 * @example const rng = seededRandom(42); rng() // 0.6011…
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Checks sampling options, naming the bad one. @throws {InferenceError} `INVALID_OPTION` */
export function checkSamplingOptions(options: SamplingOptions, task: string): void {
  const { temperature = 1, topK = 0, topP = 1, repetitionPenalty = 1 } = options;
  const bad = (name: string, rule: string, v: number): never => {
    throw new InferenceError('INVALID_OPTION', `${task}: ${name} must be ${rule}, got ${v}`);
  };
  if (!(temperature > 0) || !Number.isFinite(temperature))
    bad('temperature', 'a positive number', temperature);
  if (!Number.isInteger(topK) || topK < 0) bad('topK', 'a non-negative integer', topK);
  if (!(topP > 0 && topP <= 1)) bad('topP', 'in (0, 1]', topP);
  if (!(repetitionPenalty > 0) || !Number.isFinite(repetitionPenalty))
    bad('repetitionPenalty', 'a positive number', repetitionPenalty);
}

/**
 * Applies, in Hugging Face's order, repetition penalty, temperature, top-k and top-p to one row of logits and returns
 * the processed scores (filtered tokens are −Infinity). `seen` holds the ids of prompt and output so far.
 * @see https://huggingface.co/docs/transformers/internal/generation_utils#logitsprocessor
 */
export function processLogits(
  logits: ArrayLike<number>,
  seen: Iterable<number>,
  options: SamplingOptions,
): Float64Array {
  const scores = Float64Array.from({ length: logits.length }, (_, i) => logits[i] as number);
  const penalty = options.repetitionPenalty ?? 1;
  if (penalty !== 1) {
    for (const id of new Set(seen)) {
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
      const max = scores[order[0] as number] as number;
      let total = 0;
      for (let r = 0; r < keep; r++)
        total += Math.exp((scores[order[r] as number] as number) - max);
      let cumulative = 0;
      let r = 0;
      while (r < keep && (r === 0 || cumulative < topP)) {
        cumulative += Math.exp((scores[order[r] as number] as number) - max) / total;
        r++;
      }
      keep = r;
    }
    for (let r = keep; r < order.length; r++) scores[order[r] as number] = -Infinity;
  }
  return scores;
}

/** Picks a token from processed scores: the argmax (lowest id on ties) or, with `doSample`, a draw from their softmax. */
export function pickToken(scores: Float64Array, doSample: boolean, random: () => number): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++)
    if ((scores[i] as number) > (scores[best] as number)) best = i;
  if (!doSample) return best;
  const max = scores[best] as number;
  let total = 0;
  for (let i = 0; i < scores.length; i++) total += Math.exp((scores[i] as number) - max);
  let u = random() * total;
  for (let i = 0; i < scores.length; i++) {
    u -= Math.exp((scores[i] as number) - max);
    if (u < 0) return i;
  }
  return best;
}
