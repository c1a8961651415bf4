import { checkPerturbationArgs, checkStrings } from './argument-checks';
import { BehaviorError } from './errors';
import { lexicons } from './lexicons';
import { randomIndex } from './random-index';
import type { Perturbation, Rng } from './types';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A perturbation that swaps one term of `groups` found in the text (whole words, case-sensitive, longest first
 * so "New York" beats "York") for another term of the same group, replacing every occurrence of it so the text
 * stays consistent. Draw 1 picks among the distinct terms present, in order of first appearance; draw 2 the
 * replacement among the group's other terms. The perturbation returns `null` when no term is present.
 * @throws {BehaviorError} `EMPTY_LEXICON` when a group has fewer than two terms (nothing to swap to).
 * @example lexiconSwap([['cat', 'dog', 'bird']])('my cat and your cat', rng) // 'my dog and your dog'
 */
export function lexiconSwap(groups: readonly (readonly string[])[]): Perturbation {
  if (!Array.isArray(groups)) checkStrings('lexiconSwap: groups', groups);
  const groupOf = new Map<string, readonly string[]>();
  groups.forEach((group, i) => {
    checkStrings(`lexiconSwap: groups[${i}]`, group);
    const terms = [...new Set(group)];
    if (terms.length < 2) {
      throw new BehaviorError(
        'EMPTY_LEXICON',
        `lexiconSwap: group ${i} has ${terms.length} distinct term(s); each group needs two or more`,
      );
    }
    for (const term of terms) if (!groupOf.has(term)) groupOf.set(term, terms);
  });
  const alternatives = [...groupOf.keys()].sort((a, b) => b.length - a.length).map(escape);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  );

  return (text: string, rng: Rng) => {
    checkPerturbationArgs('lexiconSwap', text, rng);
    const found = [...new Set(Array.from(text.matchAll(pattern), (m) => m[0]))];
    if (found.length === 0) return null;
    const term = found[randomIndex(rng, found.length)]!;
    const others = groupOf.get(term)!.filter((t) => t !== term);
    const replacement = others[randomIndex(rng, others.length)]!;
    return text.replace(pattern, (m) => (m === term ? replacement : m));
  };
}

/**
 * Swaps one first name from the built-in lists (`lexicons.femaleNames`, `lexicons.maleNames`) for another of the
 * same list, every occurrence. `null` when the text names nobody from the lists.
 * @example swapNames('Mary said Mary was right', rng) // e.g. 'Elena said Elena was right'
 */
export const swapNames: Perturbation = lexiconSwap([lexicons.femaleNames, lexicons.maleNames]);

/**
 * Swaps one city for another city, or one country for another country, from the built-in lists
 * (`lexicons.cities`, `lexicons.countries`), every occurrence. `null` when no listed place occurs.
 * @example swapLocations('Flights to Paris', rng) // e.g. 'Flights to Seoul'
 */
export const swapLocations: Perturbation = lexiconSwap([lexicons.cities, lexicons.countries]);
