import { asRecord, checkFunction, checkString, describeValue, isList } from './argument-checks';
import { checkLabelled } from './check-labelled';
import { BehaviorError } from './errors';
import { rate } from './rate';
import type { LabelledText, Prediction, Slice, SliceAccuracy } from './types';

/**
 * Accuracy, size and error rate of `predictions` on each named slice of `examples` (an example may be in several
 * slices or none). An empty slice is reported with `n: 0` and `accuracy`/`errorRate` `null`, never NaN.
 * @throws {BehaviorError} `LENGTH_MISMATCH` when there is not one prediction per example;
 * `DUPLICATE_SLICE_NAME` when two slices share a name.
 * @example sliceAccuracy(test, predictions, [...lengthSlices([10, 30]), ...patternSlices('mail header', /^From:/m)])
 */
export function sliceAccuracy(
  examples: readonly LabelledText[],
  predictions: readonly Prediction[],
  slices: readonly Slice[],
): SliceAccuracy[] {
  checkLabelled(examples, 'sliceAccuracy: examples');
  if (!isList(predictions)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `sliceAccuracy: predictions must be an array, got ${describeValue(predictions)}`,
    );
  }
  predictions.forEach((p: unknown, i) => {
    const label = asRecord(`sliceAccuracy: predictions[${i}]`, p)['label'];
    if (!Number.isInteger(label)) {
      throw new BehaviorError(
        'INVALID_PREDICTION',
        `sliceAccuracy: predictions[${i}].label must be an integer, got ${describeValue(label)}`,
      );
    }
  });
  if (!isList(slices)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `sliceAccuracy: slices must be an array, got ${describeValue(slices)}`,
    );
  }
  slices.forEach((slice: unknown, i) => {
    const fields = asRecord(`sliceAccuracy: slices[${i}]`, slice);
    checkString(`sliceAccuracy: slices[${i}].name`, fields['name']);
    checkFunction(`sliceAccuracy: slices[${i}].includes`, fields['includes']);
  });
  if (examples.length !== predictions.length) {
    throw new BehaviorError(
      'LENGTH_MISMATCH',
      `sliceAccuracy: ${examples.length} examples but ${predictions.length} predictions; pass one prediction per example, in order`,
    );
  }
  const names = new Set<string>();
  for (const { name } of slices) {
    if (names.has(name)) {
      throw new BehaviorError(
        'DUPLICATE_SLICE_NAME',
        `sliceAccuracy: two slices are named ${JSON.stringify(name)}; names key the report, so make them unique`,
      );
    }
    names.add(name);
  }
  return slices.map(({ name, includes }) => {
    let n = 0;
    let correct = 0;
    examples.forEach((example, i) => {
      if (!includes(example)) return;
      n++;
      if (predictions[i]!.label === example.label) correct++;
    });
    const accuracy = rate(correct, n);
    return { name, n, correct, accuracy, errorRate: accuracy === null ? null : 1 - accuracy };
  });
}
