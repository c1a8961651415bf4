import type { PerturbationInfo, RobustnessSection } from '@nlpft/cli';
import { caseTo, createRng } from '@nlpft/behavior';
import type { Tokenizer } from '@nlpft/tokenizers';
import { WORD_PERTURBATIONS, perturbWords } from './perturb-words';

/** The test texts of both tasks (a similar-task question: its sentences, one per line). */
export interface TaskTexts {
  similar: readonly string[];
  dissimilar: readonly string[];
}

const share = (texts: readonly string[], changed: (t: string) => boolean) =>
  texts.length === 0 ? 0 : texts.filter(changed).length / texts.length;

/**
 * What each perturbation does to the test texts (the share of items it changes), and whether a change of case
 * reaches the model at all: the share of items whose token ids differ once the text is upper-cased (0 when the
 * tokenizer lowercases, as the demo's BERT-normalised WordPiece does).
 */
export function perturbationInfo(
  tokenizer: Tokenizer,
  texts: TaskTexts,
): Pick<RobustnessSection, 'perturbations' | 'caseVisible'> {
  const ids = (t: string) => tokenizer.encode(t, null, { addSpecialTokens: false }).ids.join(' ');
  const upper = caseTo('upper');
  const caseChanges = (t: string) => ids(upper(t, createRng(0)) ?? t) !== ids(t);
  return {
    perturbations: WORD_PERTURBATIONS.map((p): PerturbationInfo => ({
      name: p.name,
      description: p.description,
      changed: {
        similar: share(texts.similar, (t) => perturbWords(t, p) !== t),
        dissimilar: share(texts.dissimilar, (t) => perturbWords(t, p) !== t),
      },
    })),
    caseVisible: {
      similar: share(texts.similar, caseChanges),
      dissimilar: share(texts.dissimilar, caseChanges),
    },
  };
}
