/** Longest rater name accepted (characters). */
export const MAX_RATER_NAME = 64;

/**
 * Why a rater name is not accepted, or `null` when it is: 1 to {@link MAX_RATER_NAME} characters, no leading or
 * trailing space, no control characters (names are stored and shown as given).
 */
export function raterNameProblem(name: unknown): string | null {
  if (typeof name !== 'string')
    return `expected a string, got ${name === null ? 'null' : typeof name}`;
  if (name === '') return 'is empty; give your name';
  if ([...name].length > MAX_RATER_NAME)
    return `is ${[...name].length} characters long; at most ${MAX_RATER_NAME}`;
  if (name.trim() !== name) return 'has leading or trailing spaces';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) return 'has control characters';
  return null;
}
