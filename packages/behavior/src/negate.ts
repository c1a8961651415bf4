import { checkString } from './argument-checks';
const AUXILIARIES = new Set([
  'am',
  'is',
  'are',
  'was',
  'were',
  'can',
  'could',
  'will',
  'would',
  'shall',
  'should',
  'must',
  'may',
  'might',
  'do',
  'does',
  'did',
  'has',
  'have',
  'had',
]);
// "have/has/had" are auxiliaries only before a participle; elsewhere ("I have a dog") they are main verbs.
const PERFECT = new Set(['has', 'have', 'had']);
const NEGATION =
  /(?<![\p{L}\p{N}])(?:not|never|cannot|nor)(?![\p{L}\p{N}])|n['’]t(?![\p{L}\p{N}])/iu;
const WORD = /[\p{L}\p{N}'’]+/gu;

/**
 * Negates the first auxiliary or copula with English rules: "is" → "is not", "can" → "cannot", "have seen" →
 * "have not seen" (upper-case `NOT` after an all-caps verb). Deterministic (no draws). `null` when the text is
 * already negated (not, never, -n't, cannot, nor) or has no auxiliary it can negate.
 *
 * Limits, by design (no parser): main verbs without an auxiliary are not negated ("I like it" → `null`, not "I do
 * not like it"); an auxiliary that starts a sentence is skipped (questions: "Is it good?"); homographs are not
 * told apart ("free will", "a can of soup", the month "May"); "have" counts only before "been" or a word ending
 * in -ed/-en.
 * @example negate('The food is good', rng) // 'The food is not good'
 */
export function negate(text: string): string | null {
  checkString('negate: text', text);
  if (NEGATION.test(text)) return null;
  const words = [...text.matchAll(WORD)];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const lower = word[0].toLowerCase();
    if (!AUXILIARIES.has(lower)) continue;
    if (/^\s*$|[.!?]\s*$/u.test(text.slice(0, word.index))) continue; // sentence-initial: a question
    if (PERFECT.has(lower)) {
      const next = words[i + 1]?.[0].toLowerCase();
      if (next === undefined || !(next === 'been' || /(?:ed|en)$/u.test(next))) continue;
    }
    const caps = word[0].length >= 2 && word[0] === word[0].toUpperCase();
    const negated =
      lower === 'can' ? word[0] + (caps ? 'NOT' : 'not') : `${word[0]} ${caps ? 'NOT' : 'not'}`;
    return text.slice(0, word.index) + negated + text.slice(word.index + word[0].length);
  }
  return null;
}
