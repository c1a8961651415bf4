import { addIrrelevantClause } from './add-irrelevant-clause';
import { changeCase } from './change-case';
import { contractions } from './contractions';
import { BehaviorError } from './errors';
import { homoglyphs } from './homoglyphs';
import { swapLocations, swapNames } from './lexicon-swap';
import { negate } from './negate';
import { punctuation } from './punctuation';
import { swapNumbers } from './swap-numbers';
import { dir, inv, mft } from './test-builders';
import { typoDrop } from './typo-drop';
import { typoKeyboard } from './typo-keyboard';
import { typoSwap } from './typo-swap';
import type { BehaviorSuite, BehaviorTest, DirExpectation, Perturbation } from './types';
import { whitespace } from './whitespace';
import { zeroWidth } from './zero-width';

/** The perturbations a suite file names, by their export names. */
export const PERTURBATIONS: Readonly<Record<string, Perturbation>> = {
  typoKeyboard,
  typoSwap,
  typoDrop,
  changeCase,
  punctuation,
  whitespace,
  contractions,
  swapNumbers,
  swapNames,
  swapLocations,
  negate,
  addIrrelevantClause,
  homoglyphs,
  zeroWidth,
};

/**
 * A suite from its JSON form (a suite file): `{ name, tests: [{ kind: 'mft', name, examples: [{ text, label }] } |
 * { kind: 'inv', name, texts, perturbation, samples? } | { kind: 'dir', name, texts, perturbation, expectation,
 * samples? }] }`, perturbations named as in {@link PERTURBATIONS}.
 * @throws {BehaviorError} `INVALID_OPTION` naming the JSON path of a missing or mistyped field or an unknown
 *   perturbation; what `mft`, `inv` and `dir` throw.
 * @example parseSuite(JSON.parse(readFileSync('suite.json', 'utf8')), 'suite.json')
 */
export function parseSuite(json: unknown, where = 'suite'): BehaviorSuite {
  const root = object(json, where);
  const tests = root['tests'];
  if (!Array.isArray(tests))
    throw new BehaviorError('INVALID_OPTION', `${where}.tests must be an array of tests`);
  return {
    name: string(root['name'], `${where}.name`),
    tests: tests.map((t, i) => parseTest(t, `${where}.tests[${i}]`)),
  };
}

function parseTest(json: unknown, at: string): BehaviorTest {
  const t = object(json, at);
  const name = string(t['name'], `${at}.name`);
  const capability =
    t['capability'] === undefined
      ? {}
      : { capability: string(t['capability'], `${at}.capability`) };
  const samples = t['samples'] === undefined ? {} : { samples: t['samples'] as number };
  switch (t['kind']) {
    case 'mft':
      return mft({
        name,
        ...capability,
        examples: array(t['examples'], `${at}.examples`).map((e, i) => {
          const ex = object(e, `${at}.examples[${i}]`);
          return {
            text: string(ex['text'], `${at}.examples[${i}].text`),
            label: ex['label'] as number,
          };
        }),
      });
    case 'inv':
      return inv({
        name,
        ...capability,
        ...samples,
        texts: texts(t, at),
        perturbation: perturbation(t, at),
      });
    case 'dir':
      return dir({
        name,
        ...capability,
        ...samples,
        texts: texts(t, at),
        perturbation: perturbation(t, at),
        expectation: object(t['expectation'], `${at}.expectation`) as unknown as DirExpectation,
      });
    default:
      throw new BehaviorError(
        'INVALID_OPTION',
        `${at}.kind must be 'mft', 'inv' or 'dir', got ${JSON.stringify(t['kind'])}`,
      );
  }
}

function perturbation(t: Record<string, unknown>, at: string): Perturbation {
  const name = string(t['perturbation'], `${at}.perturbation`);
  const fn = Object.hasOwn(PERTURBATIONS, name) ? PERTURBATIONS[name] : undefined;
  if (fn === undefined)
    throw new BehaviorError(
      'INVALID_OPTION',
      `${at}.perturbation ${JSON.stringify(name)} is not one of ${Object.keys(PERTURBATIONS).join(', ')}`,
    );
  return fn;
}

const texts = (t: Record<string, unknown>, at: string): string[] =>
  array(t['texts'], `${at}.texts`).map((x, i) => string(x, `${at}.texts[${i}]`));

function object(v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new BehaviorError('INVALID_OPTION', `${at} must be an object`);
  return v as Record<string, unknown>;
}

function array(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new BehaviorError('INVALID_OPTION', `${at} must be an array`);
  return v;
}

function string(v: unknown, at: string): string {
  if (typeof v !== 'string') throw new BehaviorError('INVALID_OPTION', `${at} must be a string`);
  return v;
}
