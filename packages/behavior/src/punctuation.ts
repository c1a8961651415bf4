import { checkString } from './argument-checks';
/**
 * Strips the closing punctuation (`.`, `!`, `?`, `…`, any run of them) or, when there is none, adds a full stop,
 * keeping trailing whitespace. Deterministic (no draws); `null` for blank text.
 * @example punctuation('Great film!', rng) // 'Great film'
 * @example punctuation('Great film', rng) // 'Great film.'
 */
export function punctuation(text: string): string | null {
  checkString('punctuation: text', text);
  const body = text.trimEnd();
  if (body.length === 0) return null;
  const trailing = text.slice(body.length);
  const stripped = body.replace(/[.!?…]+$/u, '');
  if (stripped.trim().length === 0) return null; // the text was punctuation only
  return (stripped === body ? `${body}.` : stripped) + trailing;
}
