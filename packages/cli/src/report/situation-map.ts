import type { DataSize, Similarity, Situation } from './report-types';
import { CHOICE_STRATEGIES } from './summarize-choice-cells';

/** Rows of the lecture's map: how much labelled data. */
export const DATA_SIZES: readonly DataSize[] = ['small', 'large'];
/** Columns of the lecture's map: how close the task's text is to the pre-training text. */
export const SIMILARITIES: readonly Similarity[] = ['similar', 'dissimilar'];

/** The situation of one cell of the map; the first if a run lists it twice. */
export function situationAt(
  situations: readonly Situation[],
  similarity: Similarity,
  size: DataSize,
): Situation | undefined {
  return situations.find((s) => s.similarity === similarity && s.size === size);
}

/** Whether the measured best strategy is the one the lecture recommends. */
export const agrees = (s: Situation): boolean => s.lectureStrategy === s.measuredBest;

/** Every strategy scored in some situation: the known ones in display order, then the rest by name. */
export function scoredStrategies(situations: readonly Situation[]): string[] {
  const all = new Set(situations.flatMap((s) => Object.keys(s.scores)));
  const known: readonly string[] = CHOICE_STRATEGIES;
  return [...known.filter((k) => all.has(k)), ...[...all].filter((k) => !known.includes(k)).sort()];
}

/** The situations in map order: small before large, similar before dissimilar. */
export function mapOrder(situations: readonly Situation[]): Situation[] {
  return DATA_SIZES.flatMap((size) =>
    SIMILARITIES.map((sim) => situationAt(situations, sim, size)).filter(
      (s): s is Situation => s !== undefined,
    ),
  );
}
