import { checkPerturbationArgs, checkString } from './argument-checks';
import { BehaviorError } from './errors';
import { capitalise } from './match-case';
import { randomIndex } from './random-index';
import type { Perturbation, Rng } from './types';

/** The case changes `caseTo` makes. `title` capitalises each word and lower-cases the rest. */
export type CaseMode = 'upper' | 'lower' | 'title';

const CASE_MODES: readonly CaseMode[] = ['upper', 'lower', 'title'];

function applyCase(text: string, mode: CaseMode): string {
  switch (mode) {
    case 'upper':
      return text.toUpperCase();
    case 'lower':
      return text.toLowerCase();
    case 'title':
      return text.replace(/[\p{L}\p{M}\p{N}'’]+/gu, (word) => capitalise(word.toLowerCase()));
    default: {
      const unknown: never = mode;
      throw new BehaviorError(
        'INVALID_OPTION',
        `caseTo: unknown mode ${JSON.stringify(unknown)}; use one of ${CASE_MODES.join(', ')}`,
      );
    }
  }
}

/**
 * A perturbation that puts the whole text in one case. Deterministic (no draws); `null` when the text is
 * already in that case.
 * @throws {BehaviorError} `INVALID_OPTION` for a mode other than `upper`, `lower`, `title`.
 * @example caseTo('upper')('Great film', rng) // 'GREAT FILM'
 */
export function caseTo(mode: CaseMode): Perturbation {
  applyCase('', mode); // validates the mode now, not on first use
  return (text) => {
    checkString('caseTo: text', text);
    const changed = applyCase(text, mode);
    return changed === text ? null : changed;
  };
}

/**
 * Upper-cases, lower-cases or title-cases the whole text; one draw picks among the modes that change it.
 * `null` when none does (no cased letters).
 * @example changeCase('Great film', rng) // 'GREAT FILM', 'great film' or 'Great Film'
 */
export function changeCase(text: string, rng: Rng): string | null {
  checkPerturbationArgs('changeCase', text, rng);
  // A Set, since two modes can agree (title and upper on 'A').
  const options = [...new Set(CASE_MODES.map((mode) => applyCase(text, mode)))].filter(
    (t) => t !== text,
  );
  if (options.length === 0) return null;
  return options[randomIndex(rng, options.length)]!;
}
