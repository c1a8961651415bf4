import { expectTypeOf, test } from 'vitest';
import { calibrationCurve, type CalibrationCurve } from './calibration-curve';
import { logLoss } from './log-loss';
import { reliabilityDiagram, type ReliabilityBin } from './reliability-diagram';

test('logLoss takes binary 1-D or per-class 2-D probabilities', () => {
  expectTypeOf(logLoss).parameter(1).toExtend<readonly number[] | readonly (readonly number[])[]>();
  expectTypeOf(logLoss([0, 1], [0.2, 0.9])).toEqualTypeOf<number>();
  expectTypeOf(
    logLoss(
      ['a', 'b'],
      [
        [0.8, 0.2],
        [0.1, 0.9],
      ],
    ),
  ).toEqualTypeOf<number>();
});

test('calibrationCurve returns the two arrays and accepts only the two strategies', () => {
  expectTypeOf(calibrationCurve([0, 1], [0.1, 0.9])).toEqualTypeOf<CalibrationCurve>();
  // @ts-expect-error 'median' is not a strategy
  calibrationCurve([0, 1], [0.1, 0.9], { strategy: 'median' });
});

test('an empty bin has null accuracy and confidence, never NaN', () => {
  expectTypeOf(reliabilityDiagram([0], [[1, 0]]).bins).toEqualTypeOf<ReliabilityBin[]>();
  expectTypeOf<ReliabilityBin['accuracy']>().toEqualTypeOf<number | null>();
});
