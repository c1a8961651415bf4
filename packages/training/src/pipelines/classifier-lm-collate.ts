import { IGNORE_INDEX } from '../masked-lm';
import type { Collate } from './collate';

/**
 * Adds `lm_labels` to a classification collate's batches, for the auxiliary LM loss of a GPT-2 classifier: the
 * input ids where `attention_mask` is 1, -100 on padding, so pads are neither predicted nor counted in the mean
 * (the loss shifts them by one inside the graph: position t predicts t + 1).
 */
export function withLmLabels<E>(collate: Collate<E>): Collate<E> {
  return (examples, context) => {
    const batch = collate(examples, context);
    const ids = batch['input_ids']!;
    const mask = batch['attention_mask']!.data as BigInt64Array;
    const labels = BigInt64Array.from(ids.data as BigInt64Array, (id, i) =>
      mask[i] === 1n ? id : BigInt(IGNORE_INDEX),
    );
    return { ...batch, lm_labels: { data: labels, dims: ids.dims } };
  };
}
