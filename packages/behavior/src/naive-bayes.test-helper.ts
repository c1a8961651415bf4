import type { LabelledText, Prediction } from './types';

/**
 * A multinomial naive Bayes classifier with add-one smoothing, trained in the test so the suite runs on a
 * trained model without depending on another package. Tokens are whitespace-split and case-sensitive; unknown
 * tokens are ignored, so a text of unknown tokens gets the class priors (ties go to label 0).
 */
export function trainNaiveBayes(
  data: readonly LabelledText[],
): (texts: readonly string[]) => Prediction[] {
  const labels = Math.max(...data.map((d) => d.label)) + 1;
  const docs = new Array<number>(labels).fill(0);
  const totals = new Array<number>(labels).fill(0);
  const counts = new Map<string, number[]>();
  for (const { text, label } of data) {
    docs[label]!++;
    for (const token of text.split(/\s+/)) {
      const row = counts.get(token) ?? new Array<number>(labels).fill(0);
      row[label]!++;
      totals[label]!++;
      counts.set(token, row);
    }
  }
  const vocab = counts.size;
  return (texts) =>
    texts.map((text) => {
      const logp = docs.map((d, c) => {
        let sum = Math.log(d / data.length);
        for (const token of text.split(/\s+/)) {
          const row = counts.get(token);
          if (row) sum += Math.log((row[c]! + 1) / (totals[c]! + vocab));
        }
        return sum;
      });
      const max = Math.max(...logp);
      const exp = logp.map((l) => Math.exp(l - max));
      const z = exp.reduce((s, e) => s + e, 0);
      return { label: logp.indexOf(max), probs: exp.map((e) => e / z) };
    });
}
