import { BehaviorError } from './errors';
import type { LabelledText } from './types';

/** Internal: throws `INVALID_OPTION` when an example's label is not a non-negative integer. */
export function checkLabelled(examples: readonly LabelledText[], where: string): void {
  examples.forEach(({ label }, i) => {
    if (!Number.isInteger(label) || label < 0) {
      throw new BehaviorError(
        'INVALID_OPTION',
        `${where}[${i}].label must be a non-negative integer, got ${label}`,
      );
    }
  });
}
