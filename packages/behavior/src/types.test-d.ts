import { expectTypeOf, test } from 'vitest';
import * as behavior from './index';
import type { DirExpectation, Perturbation, PredictFn, Slice, Tokenize } from './index';

test('every built-in perturbation is a Perturbation', () => {
  const { typoKeyboard, typoSwap, typoDrop, changeCase, punctuation, whitespace, contractions } =
    behavior;
  const {
    swapNumbers,
    swapNames,
    swapLocations,
    negate,
    addIrrelevantClause,
    homoglyphs,
    zeroWidth,
  } = behavior;
  for (const p of [
    typoKeyboard,
    typoSwap,
    typoDrop,
    changeCase,
    punctuation,
    whitespace,
    contractions,
  ]) {
    expectTypeOf(p).toExtend<Perturbation>();
  }
  for (const p of [
    swapNumbers,
    swapNames,
    swapLocations,
    negate,
    addIrrelevantClause,
    homoglyphs,
    zeroWidth,
  ]) {
    expectTypeOf(p).toExtend<Perturbation>();
  }
  expectTypeOf(behavior.caseTo('upper')).toEqualTypeOf<Perturbation>();
});

test('predict may be sync or async', () => {
  expectTypeOf((texts: readonly string[]) => texts.map(() => ({ label: 0 }))).toExtend<PredictFn>();
  expectTypeOf((texts: readonly string[]) =>
    Promise.resolve(texts.map(() => ({ label: 0, probs: [1] }))),
  ).toExtend<PredictFn>();
  expectTypeOf((texts: readonly string[]) => texts.map(() => 0)).not.toExtend<PredictFn>();
});

test('a directional expectation names a known type', () => {
  expectTypeOf({ type: 'increase' as const, label: 1, margin: 0.1 }).toExtend<DirExpectation>();
  expectTypeOf({ type: 'up' as const, label: 1 }).not.toExtend<DirExpectation>();
});

test('wordTokens is a Tokenize, and a slice maker gives Slices', () => {
  expectTypeOf(behavior.wordTokens).toExtend<Tokenize>();
  expectTypeOf(behavior.lengthSlices([5])).toExtend<readonly Slice[]>();
});
