/**
 * Multinomial naive Bayes over token ids with Laplace smoothing: the classic bag-of-words baseline that any
 * fine-tuned model has to beat. log P(c | x) ∝ log P(c) + Σ_t count(t, x) · log P(t | c), with
 * P(t | c) = (n_tc + α) / (n_c + α·V).
 */
export class NaiveBayes {
  private readonly logPrior: Float64Array;
  private readonly logLikelihood: Float64Array[];

  constructor(
    documents: readonly (readonly number[])[],
    labels: readonly number[],
    readonly numClasses: number,
    readonly vocabSize: number,
    alpha = 1,
  ) {
    const counts = Array.from({ length: numClasses }, () => new Float64Array(vocabSize));
    const docsPerClass = new Float64Array(numClasses);
    documents.forEach((ids, i) => {
      const c = labels[i] as number;
      docsPerClass[c] = (docsPerClass[c] as number) + 1;
      const row = counts[c] as Float64Array;
      for (const id of ids) row[id] = (row[id] as number) + 1;
    });
    this.logPrior = docsPerClass.map((n) => Math.log(n / documents.length));
    this.logLikelihood = counts.map((row) => {
      const total = row.reduce((a, b) => a + b, 0) + alpha * vocabSize;
      return row.map((n) => Math.log((n + alpha) / total));
    });
  }

  /** Unnormalised log posterior of each class. */
  scores(ids: readonly number[]): number[] {
    return Array.from(this.logPrior, (prior, c) => {
      const ll = this.logLikelihood[c] as Float64Array;
      let s = prior;
      for (const id of ids) s += ll[id] as number;
      return s;
    });
  }

  /** The class with the highest posterior. */
  predict(ids: readonly number[]): number {
    const s = this.scores(ids);
    return s.indexOf(Math.max(...s));
  }
}
