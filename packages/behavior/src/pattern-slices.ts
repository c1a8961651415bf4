import { BehaviorError } from './errors';
import { checkString, describeValue } from './argument-checks';
import type { Slice } from './types';

/**
 * Two slices: the examples whose text matches `pattern` (named `name`) and the rest (`not name`), for
 * label-correlated artefacts such as mail headers (`/^(From|Subject):/m`) or signatures. A `g` or `y` flag is
 * ignored, so matching has no `lastIndex` state.
 * @example patternSlices('mail header', /^(From|Subject):/m)
 */
export function patternSlices(name: string, pattern: RegExp): [Slice, Slice] {
  checkString('patternSlices: name', name);
  if (!(pattern instanceof RegExp)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `patternSlices: pattern must be a RegExp, got ${describeValue(pattern)}`,
    );
  }
  const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return [
    { name, includes: ({ text }) => re.test(text) },
    { name: `not ${name}`, includes: ({ text }) => !re.test(text) },
  ];
}
