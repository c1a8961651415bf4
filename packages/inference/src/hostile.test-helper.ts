// What the inference property suite needs beyond @nlpft/test-utils/hostile: a clean twin of its generators. Task
// calls take five or more arguments, each mostly good, so hostile draws alone almost never reach a model run; half
// the runs therefore draw every argument from its good values only (ranges still include out-of-range sizes).
import { listOf, mostly, optionsOf } from '@nlpft/test-utils/hostile';
import fc from 'fast-check';

/** The three generators an argument list is built from. */
export interface Gen {
  mostly(good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown>;
  listOf(item: fc.Arbitrary<unknown>, maxLength?: number): fc.Arbitrary<unknown>;
  optionsOf(
    values: Record<string, fc.Arbitrary<unknown>>,
    options?: { maxKeys?: number },
  ): fc.Arbitrary<unknown>;
  /** Whether this is the hostile set (the clean one draws only good values). */
  readonly hostile: boolean;
}

export const hostileGen: Gen = { mostly, listOf, optionsOf, hostile: true };

export const cleanGen: Gen = {
  mostly: (good) => good,
  listOf: (item, maxLength = 8) => fc.array(item, { maxLength }),
  optionsOf: (values, { maxKeys = 4 } = {}) => {
    const entries = Object.entries(values).map(([k, v]) => fc.tuple(fc.constant(k), v));
    return fc.oneof(
      fc.constant(undefined),
      fc
        .uniqueArray(fc.oneof(...entries), { maxLength: maxKeys, selector: ([k]) => k })
        .map((e) => Object.fromEntries(e)),
    );
  },
  hostile: false,
};

/** Argument lists drawn half from the clean generators and half from the hostile ones. */
export function cleanOrHostile(args: (g: Gen) => fc.Arbitrary<unknown[]>): fc.Arbitrary<unknown[]> {
  return fc.oneof(args(cleanGen), args(hostileGen));
}
