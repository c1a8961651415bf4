import {
  asRecord,
  checkFunction,
  checkObject,
  checkString,
  checkStrings,
  isList,
} from './argument-checks';
import { checkLabelled } from './check-labelled';
import { BehaviorError } from './errors';
import type { DirExpectation, DirTest, InvTest, MftTest } from './types';

function checkCommon(fn: string, name: string, count: number, samples?: number): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new BehaviorError('INVALID_OPTION', `${fn}: name must be a non-empty string`);
  }
  if (count === 0) {
    throw new BehaviorError(
      'EMPTY_TEST',
      `${fn}: test ${JSON.stringify(name)} has no texts; give one or more`,
    );
  }
  if (samples !== undefined && (!Number.isInteger(samples) || samples < 1)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `${fn}: samples of ${JSON.stringify(name)} must be a positive integer, got ${samples}`,
    );
  }
}

/**
 * A minimum-functionality test (MFT): each example must get its label.
 * @throws {BehaviorError} `EMPTY_TEST` without examples; `INVALID_OPTION` for an empty name or a label that is not
 * a non-negative integer.
 * @example mft({ name: 'negated positives', examples: [{ text: 'not bad at all', label: 1 }] })
 */
export function mft(spec: Omit<MftTest, 'kind'>): MftTest {
  checkObject('mft: spec', spec);
  if (!isList(spec.examples)) checkLabelled(spec.examples, 'mft: examples');
  checkCommon('mft', spec.name, spec.examples.length);
  spec.examples.forEach((example: unknown, i) => {
    checkString(`mft: examples[${i}].text`, asRecord(`mft: examples[${i}]`, example)['text']);
  });
  spec.examples.forEach(({ label }, i) => {
    if (!Number.isInteger(label) || label < 0) {
      throw new BehaviorError(
        'INVALID_OPTION',
        `mft: examples[${i}].label of ${JSON.stringify(spec.name)} must be a non-negative integer, got ${label}`,
      );
    }
  });
  return {
    kind: 'mft',
    ...spec,
    examples: spec.examples.map(({ text, label }) => ({ text, label })),
  };
}

/**
 * An invariance test (INV): the predicted label must not change under `perturbation`.
 * @throws {BehaviorError} `EMPTY_TEST` without texts; `INVALID_OPTION` for an empty name or bad `samples`.
 * @example inv({ name: 'typos', texts: ['a great film'], perturbation: typoSwap })
 */
export function inv(spec: Omit<InvTest, 'kind'>): InvTest {
  checkObject('inv: spec', spec);
  checkStrings('inv: texts', spec.texts);
  checkCommon('inv', spec.name, spec.texts.length, spec.samples);
  checkFunction('inv: perturbation', spec.perturbation);
  return { kind: 'inv', ...spec, texts: [...spec.texts] };
}

/**
 * A directional test (DIR): the prediction must move as `expectation` says under `perturbation`.
 * @throws {BehaviorError} `EMPTY_TEST` without texts; `INVALID_OPTION` for an empty name, bad `samples`, an
 * unknown expectation type or a negative margin or tolerance.
 * @example dir({ name: 'negation lowers positive', texts: ['It is good'], perturbation: negate,
 *   expectation: { type: 'decrease', label: 1 } })
 */
export function dir(spec: Omit<DirTest, 'kind'>): DirTest {
  checkObject('dir: spec', spec);
  checkStrings('dir: texts', spec.texts);
  checkCommon('dir', spec.name, spec.texts.length, spec.samples);
  checkFunction('dir: perturbation', spec.perturbation);
  checkObject('dir: expectation', spec.expectation);
  checkExpectation(spec.name, spec.expectation);
  return { kind: 'dir', ...spec, texts: [...spec.texts], expectation: { ...spec.expectation } };
}

const EXPECTATION_TYPES = ['label-is', 'increase', 'decrease', 'not-decrease', 'not-increase'];

function checkExpectation(name: string, e: DirExpectation): void {
  const where = `dir: expectation of ${JSON.stringify(name)}`;
  if (!EXPECTATION_TYPES.includes(e.type)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `${where} has type ${JSON.stringify(e.type)}; use one of ${EXPECTATION_TYPES.join(', ')}`,
    );
  }
  if (!Number.isInteger(e.label) || e.label < 0) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `${where}: label must be a non-negative integer, got ${e.label}`,
    );
  }
  const slack = 'margin' in e ? e.margin : 'tolerance' in e ? e.tolerance : undefined;
  if (slack !== undefined && !(Number.isFinite(slack) && slack >= 0)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `${where}: margin/tolerance must be finite and >= 0, got ${slack}`,
    );
  }
}
