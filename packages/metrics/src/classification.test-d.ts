import { expectTypeOf, test } from 'vitest';
import { classificationReport } from './classification-report';
import { f1Score } from './f1-score';
import { precisionScore } from './precision-score';
import type { ClassificationReportDict } from './classification-report';

test('average: null returns one score per label, other averages one number', () => {
  expectTypeOf(f1Score([0, 1], [0, 1], { average: null })).toEqualTypeOf<number[]>();
  expectTypeOf(f1Score([0, 1], [0, 1], { average: 'macro' })).toEqualTypeOf<number>();
  expectTypeOf(precisionScore(['a'], ['a'])).toEqualTypeOf<number>();
});

test('classificationReport returns text, or the dict with outputDict: true', () => {
  expectTypeOf(classificationReport([0], [0])).toEqualTypeOf<string>();
  expectTypeOf(
    classificationReport([0], [0], { outputDict: true }),
  ).toEqualTypeOf<ClassificationReportDict>();
});
