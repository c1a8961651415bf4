import type { OnnxTrainable } from '../onnx-trainable';

/** Predicted classes and class probabilities of a classifier. */
export interface ClassPredictions {
  /** Arg-max class per example. */
  predictions: number[];
  /** Softmax probability of label 1 per example (of label 0 with one class). */
  scores: number[];
  /** Softmax probabilities of every class per example. */
  probabilities: number[][];
}

/** Runs `output` of the model's current weights (inference mode, batches of 64) and softmaxes each row. */
export async function predictClasses<E>(
  model: OnnxTrainable<E>,
  examples: readonly E[],
  numLabels: number,
  output = 'logits',
): Promise<ClassPredictions> {
  const snapshot = await model.snapshot([output]);
  const out: ClassPredictions = { predictions: [], scores: [], probabilities: [] };
  try {
    for (let i = 0; i < examples.length; i += 64) {
      const data = (await snapshot.run(examples.slice(i, i + 64)))[output]!.data;
      for (let r = 0; r < data.length / numLabels; r++) {
        const row = Array.from(data.subarray(r * numLabels, (r + 1) * numLabels));
        const max = Math.max(...row);
        const exp = row.map((v) => Math.exp(v - max));
        const total = exp.reduce((a, b) => a + b, 0);
        const probabilities = exp.map((v) => v / total);
        out.predictions.push(row.indexOf(max));
        out.scores.push(probabilities[Math.min(1, numLabels - 1)]!);
        out.probabilities.push(probabilities);
      }
    }
  } finally {
    await snapshot.dispose();
  }
  return out;
}
