/** Internal: a failure rate as a percentage with one decimal, or `n/a` when nothing was tested. */
export function formatRate(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

/** Internal: a prediction for reports: the label, and the top probability when there are some. */
export function formatPrediction(p: { label: number; probs?: readonly number[] }): string {
  const prob = p.probs?.[p.label];
  return prob === undefined ? String(p.label) : `${p.label} (${prob.toFixed(2)})`;
}
