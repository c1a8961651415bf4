import { asRecord, checkString, describeValue, isList } from './argument-checks';
import { BehaviorError } from './errors';
import type { LabelledText } from './types';

/**
 * Internal: throws `INVALID_OPTION` unless `examples` is an array of `{ text, label }` with a string text and a
 * non-negative integer label.
 */
export function checkLabelled(examples: readonly LabelledText[], where: string): void {
  if (!isList(examples)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `${where} must be an array of { text, label }, got ${describeValue(examples)}`,
    );
  }
  examples.forEach((example: unknown, i) => {
    const fields = asRecord(`${where}[${i}]`, example);
    checkString(`${where}[${i}].text`, fields['text']);
    const label = fields['label'];
    if (!Number.isInteger(label) || (label as number) < 0) {
      throw new BehaviorError(
        'INVALID_OPTION',
        `${where}[${i}].label must be a non-negative integer, got ${describeValue(label)}`,
      );
    }
  });
}
