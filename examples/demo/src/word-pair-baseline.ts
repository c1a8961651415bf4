import type { ChoiceQuestion } from '@nlpft/training';

const bigrams = (text: string): string[] => {
  const w = text.toLowerCase().split(' ');
  return w.slice(1).map((x, i) => `${w[i]!} ${x}`);
};

/**
 * The word-pair baseline of the similar task: a naive Bayes over word bigrams, trained on the training questions'
 * real sentences (class "real") against their other choices ("corrupted"), add-one smoothed; each test question's
 * answer is the choice with the larger log-odds of "real". It knows which word pairs it has seen, nothing more.
 * Returns the test accuracy.
 */
export function wordPairBaseline(
  train: readonly ChoiceQuestion[],
  test: readonly ChoiceQuestion[],
): number {
  const counts = { real: new Map<string, number>(), corrupted: new Map<string, number>() };
  const totals = { real: 0, corrupted: 0 };
  const vocabulary = new Set<string>();
  for (const q of train)
    q.choices.forEach((c, i) => {
      const cls = i === q.label ? 'real' : 'corrupted';
      for (const b of bigrams(c)) {
        counts[cls].set(b, (counts[cls].get(b) ?? 0) + 1);
        totals[cls]++;
        vocabulary.add(b);
      }
    });
  const v = vocabulary.size + 1; // + 1: the unseen bigram
  const logOdds = (text: string) =>
    bigrams(text).reduce(
      (sum, b) =>
        sum +
        Math.log(((counts.real.get(b) ?? 0) + 1) / (totals.real + v)) -
        Math.log(((counts.corrupted.get(b) ?? 0) + 1) / (totals.corrupted + v)),
      0,
    );
  let right = 0;
  for (const q of test) {
    const scores = q.choices.map(logOdds);
    // A tie (no seen bigram tells them apart) is half right, as a coin flip is on average.
    const best = Math.max(...scores);
    const top = scores.flatMap((s, i) => (s === best ? [i] : []));
    if (top.includes(q.label)) right += 1 / top.length;
  }
  return right / test.length;
}
