import {
  AdamW,
  ClassificationHead,
  SeededRng,
  Trainer,
  type FeatureExample,
  type LogEntry,
} from '@nlpft/training';

/** Per-dimension mean and standard deviation of the training features (z-scoring, fitted on training data only). */
export function fitStandardizer(
  features: readonly Float32Array[],
): (x: Float32Array) => Float32Array {
  const d = features[0]?.length ?? 0;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (const x of features)
    for (let i = 0; i < d; i++) mean[i] = (mean[i] as number) + (x[i] as number) / features.length;
  for (const x of features)
    for (let i = 0; i < d; i++)
      sq[i] = (sq[i] as number) + ((x[i] as number) - (mean[i] as number)) ** 2 / features.length;
  // A constant dimension would divide by zero; leave it centred instead.
  const std = sq.map((v) => (v > 0 ? Math.sqrt(v) : 1));
  return (x) => x.map((v, i) => (v - (mean[i] as number)) / (std[i] as number));
}

/** Options of {@link trainHead}. */
export interface TrainHeadOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly seed: number;
  /** Hidden layer width; 0 for a linear (logistic-regression) head. */
  readonly hiddenSize: number;
}

/**
 * Trains a new classification head over frozen features with AdamW (the encoder never changes: its features are
 * computed once), seeded so a run repeats exactly. No evaluation hook: choosing epochs on the test set would leak it.
 */
export async function trainHead(
  train: readonly FeatureExample[],
  numLabels: number,
  options: TrainHeadOptions,
): Promise<{ head: ClassificationHead; log: LogEntry[] }> {
  const rng = new SeededRng(options.seed);
  const inputSize = train[0]?.features.length ?? 0;
  const head = new ClassificationHead(inputSize, numLabels, rng, {
    hiddenSize: options.hiddenSize,
    dropout: 0.1,
  });
  const optimizer = new AdamW(head.params, {
    learningRate: options.learningRate,
    weightDecay: 0.01,
  });
  const trainer = new Trainer({
    model: head,
    optimizer,
    train,
    rng,
    batchSize: 16,
    epochs: options.epochs,
  });
  const result = await trainer.train();
  return { head, log: result.log };
}
