import { BehaviorError } from './errors';
import type { PredictFn, Prediction } from './types';

function checkPrediction(p: unknown, index: number, text: string, caller: string): Prediction {
  const where = `${caller}: predict result ${index} (for ${JSON.stringify(text.slice(0, 60))})`;
  if (typeof p !== 'object' || p === null) {
    throw new BehaviorError(
      'INVALID_PREDICTION',
      `${where} is ${String(p)}; return { label, probs? }`,
    );
  }
  const { label, probs } = p as { label?: unknown; probs?: unknown };
  if (typeof label !== 'number' || !Number.isInteger(label) || label < 0) {
    throw new BehaviorError(
      'INVALID_PREDICTION',
      `${where} has label ${String(label)}; labels are non-negative integer indices`,
    );
  }
  if (probs === undefined) return { label };
  if (!Array.isArray(probs) && !ArrayBuffer.isView(probs)) {
    throw new BehaviorError('INVALID_PREDICTION', `${where} has probs that are not an array`);
  }
  const values = Array.from(probs as ArrayLike<unknown>);
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) {
    throw new BehaviorError(
      'INVALID_PREDICTION',
      `${where} has probs[${bad}] = ${String(values[bad])}; probabilities must be finite numbers`,
    );
  }
  return { label, probs: values as number[] };
}

/**
 * Internal: predictions for `texts`, one `predict` call per `batchSize` texts, each result checked. Duplicate
 * texts are predicted once (predictions are assumed to depend on the text alone). `caller` names the public
 * function in error messages.
 */
export async function predictAll(
  texts: readonly string[],
  predict: PredictFn,
  batchSize: number,
  caller = 'runSuite',
): Promise<Map<string, Prediction>> {
  const unique = [...new Set(texts)];
  const out = new Map<string, Prediction>();
  for (let start = 0; start < unique.length; start += batchSize) {
    const batch = unique.slice(start, start + batchSize);
    let results: readonly Prediction[];
    try {
      results = await predict(batch);
    } catch (cause) {
      throw new BehaviorError(
        'PREDICT_FAILED',
        `${caller}: predict threw on a batch of ${batch.length} texts starting at ${start}`,
        { cause },
      );
    }
    if (!Array.isArray(results) || results.length !== batch.length) {
      const got = Array.isArray(results) ? `${results.length} predictions` : typeof results;
      throw new BehaviorError(
        'PREDICTION_COUNT_MISMATCH',
        `${caller}: predict got ${batch.length} texts but returned ${got}; return one prediction per text, in order`,
      );
    }
    batch.forEach((text, i) => out.set(text, checkPrediction(results[i], start + i, text, caller)));
  }
  return out;
}
