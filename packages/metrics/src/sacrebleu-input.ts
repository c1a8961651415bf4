import { MetricsError } from './errors';

/** `Array.isArray` without narrowing a readonly array to `any[]`. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

/** sacrebleu's reference layout: a list of streams, each as long as the hypotheses; `null` = one reference fewer. */
export type ReferenceStreams = readonly (readonly (string | null | undefined)[])[];

/** What the sacrebleu-style metrics read from their inputs. @internal */
export interface CorpusInput {
  /** The hypotheses actually scored (all of them unless `truncate` dropped a tail). */
  hypotheses: readonly string[];
  /** The references of each scored hypothesis, `null`s removed (an empty string stays, as in sacrebleu). */
  references: string[][];
  /** The signature's `nrefs`: the reference count when every segment has the same, else `'var'`. */
  numRefs: number | 'var';
}

/**
 * Checks and regroups corpus inputs the way sacrebleu 2.4.3's `Metric` base class reads them. sacrebleu
 * `zip`s the streams, silently dropping the tail of the longer ones; we throw `LENGTH_MISMATCH` instead
 * unless `truncate` asks for sacrebleu's behaviour.
 * @internal
 */
export function readCorpusInput(
  caller: string,
  hypotheses: readonly string[],
  referenceStreams: ReferenceStreams,
  truncate: boolean,
): CorpusInput {
  if (!isList(hypotheses)) {
    throw new MetricsError('INVALID_INPUT', `${caller}: hypotheses must be an array of strings`);
  }
  if (hypotheses.length === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${caller}: hypotheses is empty; sacrebleu raises IndexError here, pass at least one hypothesis`,
    );
  }
  if (!isList(referenceStreams) || referenceStreams.length === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${caller}: referenceStreams must be a non-empty array of reference streams (sacrebleu's layout: ` +
        'referenceStreams[k][i] is the k-th reference of hypothesis i)',
    );
  }
  let count = hypotheses.length;
  for (let k = 0; k < referenceStreams.length; k++) {
    const stream = referenceStreams[k] as readonly (string | null | undefined)[];
    if (!isList(stream)) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${caller}: referenceStreams[${k}] must be an array of strings (one per hypothesis)`,
      );
    }
    if (stream.length !== hypotheses.length && !truncate) {
      throw new MetricsError(
        'LENGTH_MISMATCH',
        `${caller}: referenceStreams[${k}] has ${stream.length} references but there are ` +
          `${hypotheses.length} hypotheses; pass one per hypothesis (null where it has one reference ` +
          'fewer), or truncate: true to score only the common prefix as sacrebleu does',
      );
    }
    count = Math.min(count, stream.length);
  }
  if (count === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${caller}: a reference stream is empty, so nothing can be scored`,
    );
  }
  const references: string[][] = [];
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    const hyp = hypotheses[i];
    if (typeof hyp !== 'string') {
      throw new MetricsError(
        'INVALID_INPUT',
        `${caller}: hypotheses[${i}] must be a string, got ${typeof hyp}`,
      );
    }
    const refs: string[] = [];
    for (let k = 0; k < referenceStreams.length; k++) {
      const ref = (referenceStreams[k] as readonly (string | null | undefined)[])[i];
      if (ref === null || ref === undefined) continue;
      if (typeof ref !== 'string') {
        throw new MetricsError(
          'INVALID_INPUT',
          `${caller}: referenceStreams[${k}][${i}] must be a string or null, got ${typeof ref}`,
        );
      }
      refs.push(ref);
    }
    if (refs.length === 0) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${caller}: hypothesis ${i} has no reference (every stream holds null there); give it at least one`,
      );
    }
    seen.add(refs.length);
    references.push(refs);
  }
  const numRefs = seen.size === 1 ? (references[0] as string[]).length : 'var';
  return {
    hypotheses: count === hypotheses.length ? hypotheses : hypotheses.slice(0, count),
    references,
    numRefs,
  };
}

/** Checks `sentence*` inputs: a string hypothesis and an array of reference strings. @internal */
export function readSentenceInput(
  caller: string,
  hypothesis: string,
  references: readonly string[],
): ReferenceStreams {
  if (typeof hypothesis !== 'string') {
    throw new MetricsError(
      'INVALID_INPUT',
      `${caller}: hypothesis must be a string, got ${typeof hypothesis}`,
    );
  }
  if (!isList(references)) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${caller}: references must be an array of strings (the references of this one hypothesis)`,
    );
  }
  if (references.length === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${caller}: references is empty; pass at least one reference`,
    );
  }
  return references.map((ref) => [ref]);
}

/** sacrebleu's version string in signatures. @internal */
export const SACREBLEU_VERSION = '2.4.3';
