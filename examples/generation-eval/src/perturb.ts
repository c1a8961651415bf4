/** A small seeded PRNG (mulberry32): the same seed gives the same "system outputs" on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How often each kind of error hits a word. */
export interface PerturbRates {
  /** Drop the word. @defaultValue 0 */
  readonly drop?: number;
  /** Replace the word with one drawn from `vocabulary`. @defaultValue 0 */
  readonly substitute?: number;
  /** Swap the word with the next one. @defaultValue 0 */
  readonly swap?: number;
}

/**
 * A fake "system output": the reference with words dropped, substituted or swapped at the given rates (split and
 * joined on single spaces). Stands in for a model's generations so the metrics have something to separate.
 */
export function perturb(
  sentence: string,
  rates: PerturbRates,
  vocabulary: readonly string[],
  random: () => number,
): string {
  const words = sentence.split(' ');
  const out: string[] = [];
  for (const word of words) {
    const r = random();
    if (r < (rates.drop ?? 0)) continue;
    if (r < (rates.drop ?? 0) + (rates.substitute ?? 0) && vocabulary.length > 0) {
      out.push(vocabulary[Math.floor(random() * vocabulary.length)] as string);
    } else {
      out.push(word);
    }
  }
  for (let i = 0; i + 1 < out.length; i++) {
    if (random() < (rates.swap ?? 0)) {
      [out[i], out[i + 1]] = [out[i + 1] as string, out[i] as string];
      i++;
    }
  }
  return out.join(' ');
}
