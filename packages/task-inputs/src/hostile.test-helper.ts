/**
 * The property suite's generators (shared in @nlpft/test-utils/hostile), bound to this package's error: every
 * formatter must answer with a result or a `TaskInputError` that has a code, within a time bound that grows with
 * the input.
 */
import {
  assertHostile as assertHostileWith,
  optionsOf as optionsOfWith,
} from '@nlpft/test-utils/hostile';
import type fc from 'fast-check';
import { TaskInputError } from './errors';

export { hostileScalar, listOf, mostly } from '@nlpft/test-utils/hostile';

export const optionsOf = (values: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> =>
  optionsOfWith(values, { maxKeys: 5 });

const isTyped = (e: unknown): boolean => e instanceof TaskInputError && typeof e.code === 'string';

export function assertHostile(
  call: (...args: unknown[]) => unknown,
  args: fc.Arbitrary<unknown[]>,
  options: { numRuns?: number; baseMs?: number; perUnitMs?: number } = {},
): void {
  assertHostileWith(call, args, { isTyped, ...options });
}
